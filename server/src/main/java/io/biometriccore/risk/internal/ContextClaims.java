package io.biometriccore.risk.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.biometriccore.risk.BankContext;
import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.DevicePosture;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.shared.ApiException;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a verified bank context, read strictly: a member of the wrong type or out of range is
 * {@code context_malformed}, never taken for absent.
 */
final class ContextClaims {

    private ContextClaims() {
    }

    static String jti(JWTClaimsSet claims) {
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > 128) {
            throw malformed("jti is required (at most 128 characters)");
        }
        return jti;
    }

    static BankContext context(String kid, Instant expiresAt, JWTClaimsSet claims) {
        try {
            return new BankContext(kid, expiresAt, subject(claims), ip(claims.getStringClaim("ip")),
                    location(claims.getJSONObjectClaim("location")), posture(claims.getJSONObjectClaim("posture")));
        } catch (ParseException | ClassCastException e) {
            throw malformed("a claim of the context has the wrong type");
        } catch (IllegalArgumentException e) {
            throw malformed("a claim of the context is out of range: " + e.getMessage());
        }
    }

    static ApiException malformed(String detail) {
        return new ApiException(RiskProblem.CONTEXT_MALFORMED, detail);
    }

    private static @Nullable String subject(JWTClaimsSet claims) throws ParseException {
        String sub = claims.getStringClaim("sub");
        if (sub != null && (sub.isEmpty() || sub.length() > 256)) {
            throw new IllegalArgumentException("sub must be a username");
        }
        return sub;
    }

    /** An address literal; never a name, which would ask DNS. */
    private static @Nullable String ip(@Nullable String ip) {
        if (ip == null) {
            return null;
        }
        if (ip.isEmpty() || ip.length() > 45) {
            throw new IllegalArgumentException("ip must be an IPv4 or IPv6 address");
        }
        return InetAddress.ofLiteral(ip).getHostAddress();
    }

    private static @Nullable Place location(@Nullable Map<String, Object> location) {
        if (location == null) {
            return null;
        }
        Object latitude = location.get("latitude");
        Object longitude = location.get("longitude");
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("location needs both latitude and longitude, or neither");
        }
        Coordinates at = latitude == null ? null
                : new Coordinates(((Number) latitude).doubleValue(), ((Number) longitude).doubleValue());
        return new Place(Place.Source.BANK, at, (String) location.get("country"), null);
    }

    private static @Nullable DevicePosture posture(@Nullable Map<String, Object> posture) {
        if (posture == null) {
            return null;
        }
        return new DevicePosture(DevicePosture.Trust.SIGNED, (Boolean) posture.get("rooted"),
                (Boolean) posture.get("emulator"), (String) posture.get("osVersion"));
    }
}
