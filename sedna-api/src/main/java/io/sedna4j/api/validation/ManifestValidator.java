package io.sedna4j.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.Problem;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.codec.YamlDocument;
import io.sedna4j.api.codec.YamlReader;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.Names;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest's text and checks everything that can be checked without a cluster: syntax, kinds, fields and
 * their types and formats, rules across fields, duplicate resources and references between the file's documents.
 * Every problem is reported; none stops the others from being found.
 */
public final class ManifestValidator {
    private ManifestValidator() {
    }

    public static Manifest validate(String file, String text) {
        List<Problem> problems = new ArrayList<>();
        List<Manifest.Entry> entries = new ArrayList<>();
        Map<String, Manifest.Entry> byKey = new LinkedHashMap<>();
        Map<Manifest.Entry, Problems> collectors = new HashMap<>();
        Map<Manifest.Entry, List<SchemaCheck.Reference>> references = new HashMap<>();
        List<YamlDocument> documents = YamlReader.read(file, text, problems);
        if (documents.isEmpty() && problems.stream().noneMatch(Problem::isError)) {
            problems.add(new Problem(Problem.Severity.ERROR, file, 0, 0, 0, "", "the file holds no resource",
                    "give at least one document with apiVersion, kind, metadata and spec"));
        }
        for (YamlDocument document : documents) {
            Problems p = new Problems(file, document, problems);
            Kind kind = kind(document.tree(), p);
            if (kind == null) {
                continue;
            }
            metadata(document.tree().path("metadata"), p);
            SchemaCheck check = new SchemaCheck(p);
            JsonNode checked = check.check(document.tree(), kind.type());
            if (p.errorCount() > 0) {
                continue;
            }
            Resource<?, ?> resource = ResourceCodec.bind(checked, kind);
            Manifest.Entry entry = new Manifest.Entry(document.index(), document.position("").line(), resource);
            Manifest.Entry first = byKey.putIfAbsent(resource.key(), entry);
            if (first != null) {
                p.error("metadata.name", resource.key() + " is defined twice (first in document " + first.document()
                        + ", line " + first.line() + ")", "rename one of them or delete the duplicate");
                continue;
            }
            entries.add(entry);
            collectors.put(entry, p);
            references.put(entry, check.references());
        }
        for (Manifest.Entry entry : entries) {
            checkReferences(entry, references.get(entry), entries, collectors.get(entry));
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            entries.clear(); // all or nothing
        }
        return new Manifest(file, List.copyOf(entries), List.copyOf(problems));
    }

    private static Kind kind(JsonNode tree, Problems p) {
        if (!tree.isObject()) {
            p.error("", "a document must be a mapping with apiVersion, kind, metadata and spec, not "
                    + (tree.isArray() ? "a list" : "a single value"), "start the document with \"apiVersion: "
                    + Resource.API_VERSION + "\"");
            return null;
        }
        String apiVersion = tree.path("apiVersion").asText("");
        String kindName = tree.path("kind").asText("");
        boolean ok = true;
        if (apiVersion.isEmpty()) {
            p.error("apiVersion", "required field is missing", "add \"apiVersion: " + Resource.API_VERSION + "\"");
            ok = false;
        } else if (!apiVersion.equals(Resource.API_VERSION)) {
            p.error("apiVersion", "unknown apiVersion \"" + apiVersion + "\"", apiVersion.startsWith("sedna.io/")
                    ? "Sedna's resources are at " + Resource.API_VERSION + "; write \"apiVersion: "
                    + Resource.API_VERSION + "\"" : "Sedna4J manages " + Resource.API_VERSION
                    + " resources only; apply other Kubernetes resources with kubectl");
            ok = false;
        }
        Kind kind = Kind.of(kindName);
        if (kindName.isEmpty()) {
            p.error("kind", "required field is missing", "add \"kind:\" with one of " + Kind.names());
        } else if (kind == null) {
            List<String> names = new ArrayList<>();
            for (Kind k : Kind.values()) {
                names.add(k.kindName());
            }
            p.error("kind", "unknown kind \"" + kindName + "\"" + Names.didYouMean(kindName, names),
                    "use one of " + Kind.names());
        }
        return ok ? kind : null;
    }

    /** A resource's name and namespace are what every other component keys it by. */
    private static void metadata(JsonNode metadata, Problems p) {
        if (!metadata.isObject()) {
            return; // reported by the schema check
        }
        JsonNode name = metadata.path("name");
        if (name.isMissingNode() || name.isNull()) {
            p.error("metadata.name", "required field is missing", "name the resource: \"name: my-job\" under metadata");
        } else if (name.isValueNode()) { // a number is read as text, with a warning from the schema check
            report(Format.DNS_SUBDOMAIN.check(name), "metadata.name", p);
        }
        JsonNode namespace = metadata.path("namespace");
        if (namespace.isValueNode() && !namespace.isNull()) {
            report(Format.DNS_LABEL.check(namespace), "metadata.namespace", p);
        }
    }

    private static void report(Format.Violation violation, String path, Problems p) {
        if (violation != null) {
            p.error(path, violation.message(), violation.hint());
        }
    }

    /**
     * A reference that names nothing in this file may name a resource that already exists, so it is only a
     * problem when the file defines others of that kind (a likely typo) or defines it in another namespace.
     */
    private static void checkReferences(Manifest.Entry from, List<SchemaCheck.Reference> refs,
                                        List<Manifest.Entry> entries, Problems p) {
        String namespace = from.resource().metadata.namespaceOrDefault();
        for (SchemaCheck.Reference ref : refs) {
            List<String> sameNamespace = new ArrayList<>();
            String elsewhere = null;
            for (Manifest.Entry e : entries) {
                Resource<?, ?> r = e.resource();
                if (!r.kind.equals(ref.kind())) {
                    continue;
                }
                if (r.metadata.namespaceOrDefault().equals(namespace)) {
                    sameNamespace.add(r.metadata.name);
                } else if (r.metadata.name.equals(ref.name())) {
                    elsewhere = r.metadata.namespaceOrDefault() + " (document " + e.document() + ")";
                }
            }
            if (sameNamespace.contains(ref.name())) {
                continue;
            }
            if (elsewhere != null) {
                p.error(ref.path(), ref.kind() + " \"" + ref.name() + "\" is defined in namespace " + elsewhere
                                + ", but " + from.resource().kind + " " + from.resource().metadata.name
                                + " is in namespace " + namespace,
                        "references are looked up in the referring resource's namespace; "
                                + "put both in the same namespace");
            } else if (!sameNamespace.isEmpty()) {
                p.warning(ref.path(), "no " + ref.kind() + " \"" + ref.name() + "\" in this file"
                                + Names.didYouMean(ref.name(), sameNamespace) + "; it must already exist",
                        "this file defines " + ref.kind() + " " + String.join(", ", sameNamespace)
                                + "; fix the name, or make sure " + ref.name() + " exists before applying");
            }
        }
    }
}
