package io.biometriccore.tenancy;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hc.client5.http.psl.PublicSuffixMatcher;
import org.apache.hc.client5.http.psl.PublicSuffixMatcherLoader;

/**
 * The rules of a tenant's related origins (WebAuthn L3 §5.11, "Using Web Authentication across related
 * origins"). A browser reads the RP ID's {@code /.well-known/webauthn} document and counts the
 * registrable origin labels of its origins (the label before the public suffix: {@code bank} for
 * {@code https://login.bank.co.uk}); origins of labels past its limit are ignored. A definition that
 * a browser would partly ignore is refused here rather than left to fail at sign-in.
 */
final class RelatedOrigins {

    private static final PublicSuffixMatcher PUBLIC_SUFFIXES = PublicSuffixMatcherLoader.getDefault();

    private RelatedOrigins() {
    }

    static void requireValid(List<String> related, List<String> allowedOrigins, String rpId) {
        Set<String> labels = new TreeSet<>();
        for (String origin : related) {
            if (!allowedOrigins.contains(origin)) {
                throw new IllegalArgumentException("relatedOrigins: " + origin + " is not among allowedOrigins");
            }
            labels.add(label(origin));
        }
        if (labels.size() > Tenant.MAX_RELATED_ORIGIN_LABELS) {
            throw new IllegalArgumentException("allowedOrigins: related origins under " + labels.size()
                    + " registrable domain labels " + labels + "; browsers use at most "
                    + Tenant.MAX_RELATED_ORIGIN_LABELS);
        }
    }

    /** The registrable origin label of an {@code https://host[:port]} origin. */
    static String label(String origin) {
        URI uri = parse(origin);
        String root = PUBLIC_SUFFIXES.getDomainRoot(uri.getHost());
        if (root == null || !root.contains(".")) {
            throw new IllegalArgumentException("allowedOrigins: the related origin " + origin
                    + " has no registrable domain");
        }
        return root.substring(0, root.indexOf('.'));
    }

    private static URI parse(String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowedOrigins: not an origin: " + origin);
        }
        boolean bare = uri.getRawPath() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || !bare
                || !uri.getHost().equals(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("allowedOrigins: the related origin " + origin
                    + " must be https://host[:port], lower case");
        }
        return uri;
    }
}
