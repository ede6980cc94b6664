package io.sedna4j.cli;

import io.sedna4j.api.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;

/** {@code --labels k=v,k2=v2,k3}: node labels as Kubernetes writes them; a key alone has the empty value. */
final class Labels implements ITypeConverter<Map<String, String>> {
    @Override
    public Map<String, String> convert(String value) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).strip();
            if (!key.matches("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
                throw new ApiException("label key \"" + key + "\" is not valid; write [prefix/]name with letters, "
                        + "digits, '-', '_' and '.', e.g. node-role.kubernetes.io/edge or zone=campus-a");
            }
            labels.put(key, eq < 0 ? "" : pair.substring(eq + 1).strip());
        }
        return labels;
    }
}
