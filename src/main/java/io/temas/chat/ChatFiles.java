package io.temas.chat;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/** The checks a visitor's file passes: the entry point's size limit, an allowed type, and first bytes that match that type. */
final class ChatFiles {

    private ChatFiles() {
    }

    static void check(ChatDoor door, List<String> allowed, String filename, String declaredType, byte[] content) {
        if (door.maxFileBytes() == 0) {
            throw new ChatRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "chat-file-type", "This chat takes no files.");
        }
        if (content.length == 0) {
            throw new io.temas.shared.InvalidInput("file", "the file is empty");
        }
        if (content.length > door.maxFileBytes()) {
            throw new ChatRefused(HttpStatus.PAYLOAD_TOO_LARGE, "chat-file-size",
                    "The file is larger than this chat takes (" + door.maxFileBytes() / 1024 + " KB).");
        }
        String type = declaredType == null ? "" : declaredType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        if (!allowed.contains(type)) {
            throw new ChatRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "chat-file-type",
                    "Files of type " + io.temas.shared.TextInput.forLog(type) + " are not taken here; allowed: " + String.join(", ", allowed) + ".");
        }
        if (!matches(type, content)) {
            throw new ChatRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "chat-file-type",
                    "The file's content is not " + type + " as its type says.");
        }
        if (filename != null && filename.length() > 255) {
            throw new io.temas.shared.InvalidInput("file", "the file name is longer than 255 characters");
        }
    }

    /** Whether the first bytes are those of the type (text: valid UTF-8 without NUL). Types not known here pass on their name. */
    static boolean matches(String type, byte[] b) {
        return switch (type) {
            case "image/png" -> starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/jpeg" -> starts(b, 0xFF, 0xD8, 0xFF);
            case "image/gif" -> starts(b, 'G', 'I', 'F', '8');
            case "image/webp" -> b.length > 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P';
            case "application/pdf" -> starts(b, '%', 'P', 'D', 'F', '-');
            case "text/plain" -> isText(b);
            default -> true;
        };
    }

    private static boolean starts(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A file name safe to show and store: no path, no control characters, not empty. */
    static String safeName(String filename) {
        String name = filename == null ? "" : filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = io.temas.shared.TextInput.strip(name, false).strip();
        return name.isEmpty() ? "file" : name;
    }
}
