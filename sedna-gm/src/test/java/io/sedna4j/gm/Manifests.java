package io.sedna4j.gm;

/** Resources for tests, as a user writes them. */
public final class Manifests {
    private Manifests() {
    }

    public static String model(String name, String url) {
        return "{\"apiVersion\":\"sedna.io/v1alpha1\",\"kind\":\"Model\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"url\":\"" + url + "\",\"format\":\"onnx\"}}";
    }

    public static String modelYaml(String name, String url) {
        return "apiVersion: sedna.io/v1alpha1\nkind: Model\nmetadata:\n  name: " + name + "\nspec:\n  url: " + url
                + "\n  format: onnx\n";
    }

    public static final String MODELS = "/apis/sedna.io/v1alpha1/namespaces/default/models";
}
