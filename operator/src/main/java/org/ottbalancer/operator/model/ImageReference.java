package org.ottbalancer.operator.model;

/**
 * The shape of a container image reference ({@code [registry[:port]/]path[:tag][@digest]}, where
 * a registry is told from a path component by a dot, a port or being {@code localhost}), used
 * both as the CRD's OpenAPI pattern and by the operator's own validation: an API server without the
 * current CRD (or the test mock) does not validate, and a bad image should become a clear condition,
 * not a pod stuck in {@code InvalidImageName}.
 */
public final class ImageReference {
    public static final String PATTERN = "^(?:(?:localhost|[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)+|[a-zA-Z0-9-]+:[0-9]+)(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
            + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127})?"
            + "(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,})?$";

    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

    private ImageReference() {
    }

    public static boolean isValid(String image) {
        return image != null && image.length() <= 512 && COMPILED.matcher(image).matches();
    }
}
