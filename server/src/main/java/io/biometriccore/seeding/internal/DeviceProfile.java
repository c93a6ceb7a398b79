package io.biometriccore.seeding.internal;

import io.biometriccore.credentials.Platform;

/**
 * The phone or computer a seeded customer registered with: its user agent and the device name and
 * platform the server derives from that user agent at registration (a passkey with the zero AAGUID
 * is named "browser on platform").
 */
enum DeviceProfile {
    IPHONE("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/18.1 Mobile/15E148 Safari/604.1", Platform.IOS, "Safari on iOS"),
    ANDROID("Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Mobile Safari/537.36", Platform.ANDROID, "Chrome on Android"),
    WINDOWS("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", Platform.WINDOWS, "Edge on Windows"),
    MAC("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/18.1 Safari/605.1.15", Platform.MACOS, "Safari on macOS");

    private static final DeviceProfile[] ALL = values();

    final String userAgent;
    final Platform platform;
    final String deviceName;

    DeviceProfile(String userAgent, Platform platform, String deviceName) {
        this.userAgent = userAgent;
        this.platform = platform;
        this.deviceName = deviceName;
    }

    /** Customer {@code index}'s device: the profiles take turns. */
    static DeviceProfile of(long index) {
        return ALL[(int) (index % ALL.length)];
    }
}
