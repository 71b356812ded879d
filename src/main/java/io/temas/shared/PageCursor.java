package io.temas.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a list ordered by a time, newest first, and then by id went on to the next page: the last row's time and id,
 * handed to clients as an opaque URL-safe token ({@code after}) and read back when they ask for the next page. A
 * keyset, not an offset: a page reads only its own rows however deep it is, and rows added meanwhile do not shift it.
 *
 * @param at the last row's time
 * @param id the last row's id
 */
public record PageCursor(Instant at, UUID id) {

    /** The cursor a token stands for; null for none (the first page). @throws InvalidInput for a token no page handed out */
    public static PageCursor decode(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8).split("\\|", 2);
            return new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException notACursor) {
            throw new InvalidInput("after", "after is not a cursor from an earlier page");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }
}
