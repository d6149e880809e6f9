package dev.mosaic.core.protocol;

import com.google.gson.annotations.SerializedName;

/** The wire spelling of the protocol's enums, read from their {@link SerializedName}, the one place it is written. */
final class WireNames {
    private WireNames() {}

    static String of(Enum<?> value) {
        try {
            return value.getDeclaringClass()
                    .getField(value.name())
                    .getAnnotation(SerializedName.class)
                    .value();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
