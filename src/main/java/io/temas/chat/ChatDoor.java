package io.temas.chat;

import io.temas.routing.EntryPoint;
import io.temas.shared.InvalidInput;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * How one chat entry point lets visitors in: the sites that may embed it (exact origins), which
 * pre-chat fields it asks for, and the largest file a visitor may send.
 */
public record ChatDoor(EntryPoint entryPoint, List<String> origins, Field name, Field email, Field phone, int maxFileBytes) {

    /** The largest file any entry point accepts. */
    public static final int MAX_FILE_BYTES = 25 * 1024 * 1024;

    /** Whether the widget asks for a pre-chat field. */
    public enum Field {
        HIDDEN, OPTIONAL, REQUIRED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws InvalidInput when the code is not hidden, optional or required */
        public static Field of(String field, String code) {
            try {
                return valueOf(code.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidInput(field, field + " is hidden, optional or required");
            }
        }
    }

    public ChatDoor {
        origins = List.copyOf(origins);
        if (maxFileBytes < 0 || maxFileBytes > MAX_FILE_BYTES) {
            throw new InvalidInput("maxFileBytes", "maxFileBytes is between 0 (no files) and " + MAX_FILE_BYTES);
        }
    }

    /** Whether a page of this origin may use the chat. */
    public boolean allows(String origin) {
        return origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /**
     * An origin as browsers send it: {@code scheme://host[:port]}, lower-case, no path.
     *
     * @throws InvalidInput when it is not an http(s) origin
     */
    public static String origin(String value) {
        String trimmed = value == null ? "" : value.strip();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare || uri.getRawQuery() != null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw new InvalidInput("origins", "'" + io.temas.shared.TextInput.forLog(trimmed)
                        + "' is not an origin such as https://www.example.com");
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInput("origins", "'" + io.temas.shared.TextInput.forLog(trimmed) + "' is not an origin such as https://www.example.com");
        }
    }
}
