package io.biometriccore.crosschannel;

import io.biometriccore.shared.ProblemCode;

public enum CrossChannelProblem implements ProblemCode {
    CROSS_CHANNEL_NOT_FOUND("cross_channel_not_found", 404, "No such cross-channel sign-in"),
    CROSS_CHANNEL_SECRET_INVALID("cross_channel_secret_invalid", 401, "The poll secret does not match"),
    CROSS_CHANNEL_PENDING("cross_channel_pending", 409, "The sign-in has not been approved yet"),
    CROSS_CHANNEL_EXPIRED("cross_channel_expired", 409, "The sign-in request has expired"),
    CROSS_CHANNEL_ALREADY_USED("cross_channel_already_used", 409, "The approval was used already"),
    CROSS_CHANNEL_NOT_PENDING("cross_channel_not_pending", 409, "The sign-in was approved already"),
    CROSS_CHANNEL_WRONG_CEREMONY("cross_channel_wrong_ceremony", 400,
            "The assertion was not made for this cross-channel sign-in"),
    CROSS_CHANNEL_STREAMS_EXHAUSTED("cross_channel_streams_exhausted", 429,
            "Too many event streams are open; poll the state instead"),
    CROSS_CHANNEL_CODE_MISMATCH("cross_channel_code_mismatch", 403,
            "The code entered is not the one the waiting browser shows"),
    CROSS_CHANNEL_BURNED("cross_channel_burned", 409,
            "The sign-in request was closed after too many wrong codes; the browser must start again");

    private final Definition definition;

    CrossChannelProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
