package io.biometriccore.webhooks;

import io.biometriccore.shared.ProblemCode;

/** Rejections of the tenant webhook's administration. */
public enum WebhookProblem implements ProblemCode {
    WEBHOOK_URL_INVALID("webhook_url_invalid", 400, "The webhook URL is not an absolute HTTPS URL the server may call"),
    WEBHOOK_NOT_FOUND("webhook_not_found", 404, "The tenant has no webhook");

    private final Definition definition;

    WebhookProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
