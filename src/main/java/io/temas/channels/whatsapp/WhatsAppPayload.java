package io.temas.channels.whatsapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.temas.shared.TextInput;
import tools.jackson.databind.JsonNode;

/**
 * Readable text for the WhatsApp message types that are not text: a shared location becomes its
 * name, address, coordinates and a map link; shared contacts their names, numbers and e-mail
 * addresses (worth keeping where an agent can find them); a button or list answer its title; media
 * their caption.
 */
final class WhatsAppPayload {

    /** The media types whose bytes are fetched and kept as an attachment. */
    static final List<String> MEDIA = List.of("image", "document", "audio", "video", "sticker");

    private WhatsAppPayload() {
    }

    /**
     * Whether a node is an id Temas can look up and store: text without control characters and
     * no longer than {@link TextInput#SHORT}. A NUL cannot be stored at all and a longer value
     * does not fit an index, so such an id would fail the whole notification rather than its item.
     */
    static boolean id(JsonNode node) {
        if (!node.isString()) {
            return false;
        }
        String value = node.asString();
        return !value.isEmpty() && value.length() <= TextInput.SHORT && TextInput.strip(value, false).equals(value);
    }

    /** The text of one message of the {@code messages[]} array. */
    static String text(JsonNode message) {
        String type = message.path("type").asString("");
        return switch (type) {
            case "text" -> message.path("text").path("body").asString("");
            case "location" -> location(message.path("location"));
            case "contacts" -> contacts(message.path("contacts"));
            case "button" -> message.path("button").path("text").asString(message.path("button").path("payload").asString(""));
            case "interactive" -> interactive(message.path("interactive"));
            case "reaction" -> "[reaction " + message.path("reaction").path("emoji").asString("") + "]";
            default -> MEDIA.contains(type) ? media(type, message.path(type)) : "[" + (type.isBlank() ? "unknown" : type) + " message]";
        };
    }

    static String location(JsonNode location) {
        List<String> lines = new ArrayList<>();
        String name = location.path("name").asString("");
        String address = location.path("address").asString("");
        if (!name.isBlank()) {
            lines.add(name);
        }
        if (!address.isBlank()) {
            lines.add(address);
        }
        String lat = location.path("latitude").asString("");
        String lng = location.path("longitude").asString("");
        if (!lat.isBlank() && !lng.isBlank()) {
            lines.add("📍 " + lat + ", " + lng);
            lines.add("https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lng + "#map=17/" + lat + "/" + lng);
        }
        return String.join("\n", lines);
    }

    static String contacts(JsonNode contacts) {
        List<String> blocks = new ArrayList<>();
        for (JsonNode contact : contacts) {
            List<String> lines = new ArrayList<>();
            JsonNode name = contact.path("name");
            String formatted = name.path("formatted_name").asString(
                    (name.path("first_name").asString("") + " " + name.path("last_name").asString("")).strip());
            lines.add("👤 " + (formatted.isBlank() ? "?" : formatted));
            String org = contact.path("org").path("company").asString("");
            if (!org.isBlank()) {
                lines.add(org);
            }
            for (JsonNode phone : contact.path("phones")) {
                String number = phone.path("phone").asString(phone.path("wa_id").asString(""));
                if (!number.isBlank()) {
                    String kind = phone.path("type").asString("");
                    lines.add("☎ " + number + (kind.isBlank() ? "" : " (" + kind.toLowerCase(Locale.ROOT) + ")"));
                }
            }
            for (JsonNode email : contact.path("emails")) {
                String address = email.path("email").asString("");
                if (!address.isBlank()) {
                    lines.add("✉ " + address);
                }
            }
            blocks.add(String.join("\n", lines));
        }
        return String.join("\n\n", blocks);
    }

    private static String interactive(JsonNode interactive) {
        JsonNode reply = interactive.has("button_reply") ? interactive.path("button_reply") : interactive.path("list_reply");
        String title = reply.path("title").asString("");
        String description = reply.path("description").asString("");
        return description.isBlank() ? title : title + "\n" + description;
    }

    private static String media(String type, JsonNode media) {
        String caption = media.path("caption").asString("");
        String filename = media.path("filename").asString("");
        return !caption.isBlank() ? caption : "[" + type + (filename.isBlank() ? "" : ": " + filename) + "]";
    }

    /** A file name for a media object: the document's own, else the type and id with an extension for its media type. */
    static String filename(String type, JsonNode media, String contentType) {
        String given = media.path("filename").asString("");
        if (!given.isBlank()) {
            return given;
        }
        String base = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String extension = switch (base) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "application/pdf" -> ".pdf";
            case "audio/ogg" -> ".ogg";
            case "audio/mpeg" -> ".mp3";
            case "video/mp4" -> ".mp4";
            default -> "";
        };
        return type + "-" + media.path("id").asString("media") + extension;
    }
}
