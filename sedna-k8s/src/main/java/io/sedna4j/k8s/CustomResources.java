package io.sedna4j.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;

/**
 * Sedna's custom resources as fabric8 sees them: the API coordinates of each kind, and the conversion between
 * fabric8's {@link GenericKubernetesResource} and our model, through JSON (both are plain Jackson beans).
 */
public final class CustomResources {
    private CustomResources() {
    }

    /** {@code sedna.io/v1alpha1}, the kind and its plural, namespaced: what fabric8 needs to address it. */
    public static ResourceDefinitionContext context(Kind kind) {
        return new ResourceDefinitionContext.Builder().withGroup(Resource.GROUP).withVersion(Resource.VERSION)
                .withKind(kind.kindName()).withPlural(kind.plural()).withNamespaced(true).build();
    }

    public static Resource<?, ?> fromGeneric(GenericKubernetesResource generic, Kind kind) {
        return ResourceCodec.bind(ResourceCodec.json().valueToTree(generic), kind);
    }

    public static GenericKubernetesResource toGeneric(Resource<?, ?> resource) {
        JsonNode tree = ResourceCodec.toTree(resource);
        ObjectNode meta = (ObjectNode) tree.path("metadata");
        if (meta.path("namespace").asText("").isEmpty()) {
            meta.put("namespace", resource.metadata.namespaceOrDefault());
        }
        try {
            return ResourceCodec.json().treeToValue(tree, GenericKubernetesResource.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new KubernetesException("cannot convert " + resource.key() + " to a Kubernetes object: "
                    + e.getOriginalMessage(), e);
        }
    }
}
