package io.biometriccore.webhooks;

import io.biometriccore.shared.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A URL the server may call with a tenant's data: an absolute {@code https} URL with a host, without
 * credentials or a fragment; plain {@code http} only where the caller's setting allows it (the quick
 * start and tests). Anything else is {@code webhook_url_invalid}. The tenant event webhook and the
 * external risk engine are judged alike.
 */
public record WebhookUrl(URI uri) {

    public static final int MAX_LENGTH = 2048;

    public static WebhookUrl parse(@Nullable String url, boolean allowHttp) {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            throw invalid("url must be an absolute URL of at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw invalid(scheme.equals("http") ? "url must use https (plain http is refused in production)"
                    : "url must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("url must name a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid("url must carry neither credentials nor a fragment");
        }
        return new WebhookUrl(uri);
    }

    private static ApiException invalid(String detail) {
        return new ApiException(WebhookProblem.WEBHOOK_URL_INVALID, detail);
    }
}
