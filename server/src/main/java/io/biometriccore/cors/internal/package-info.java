@NullMarked
package io.biometriccore.cors.internal;

import org.jspecify.annotations.NullMarked;
