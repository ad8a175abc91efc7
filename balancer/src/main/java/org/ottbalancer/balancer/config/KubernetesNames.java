package org.ottbalancer.balancer.config;

import java.util.regex.Pattern;

/**
 * The Kubernetes API's rules for the names the {@code kubernetes} discovery method uses. A name
 * that breaks them can never match anything, so it is refused at startup with the rule, instead
 * of surfacing later as a puzzling "not found" or "invalid request" from the API server.
 */
final class KubernetesNames {
    /** RFC 1123 label: namespaces. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** RFC 1123 subdomain: ConfigMap names. */
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** ConfigMap data keys. */
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private KubernetesNames() {
    }

    static void requireLabel(String what, String name) {
        require(what, name, LABEL, 63, "lower-case letters, digits and '-', starting and ending with a letter or digit");
    }

    static void requireSubdomain(String what, String name) {
        require(what, name, SUBDOMAIN, 253,
                "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
    }

    static void requireConfigMapKey(String what, String name) {
        require(what, name, CONFIG_MAP_KEY, 253, "letters, digits, '-', '_' and '.'");
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(what + " must not be \"" + name + "\"");
        }
    }

    private static void require(String what, String name, Pattern rule, int maxLength, String ruleText) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (name.length() > maxLength) {
            throw new IllegalArgumentException(what + " \"" + name + "\" is longer than " + maxLength + " characters");
        }
        if (!rule.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " \"" + name + "\" is not valid: use " + ruleText);
        }
    }
}
