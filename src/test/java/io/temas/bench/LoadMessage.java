package io.temas.bench;

import io.temas.channels.HtmlSanitiser;
import io.temas.channels.InboundMessage;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated inbound message, in the shape of the {@code POST /api/v1/inbound} body. The
 * same value is sent as JSON over HTTP or turned into an {@link InboundMessage} exactly as the
 * inbound controller does, so both paths store the same payload.
 *
 * @param kind a label for the report: what the generator meant this message to exercise
 */
record LoadMessage(String kind, ChannelType channel, String entryPoint, String externalId, String email, String phone,
                   String cookie, String name, String subject, String text, String inReplyTo, String chatSession) {

    /** The request body, as an integration would post it. */
    String json() {
        StringBuilder out = new StringBuilder(256 + (text == null ? 0 : text.length()));
        out.append('{');
        field(out, "channel", channel.code(), true);
        field(out, "entryPoint", entryPoint, false);
        field(out, "externalId", externalId, false);
        out.append(",\"from\":{");
        boolean first = true;
        first = field(out, "email", email, first) && first;
        first = field(out, "phone", phone, first) && first;
        first = field(out, "cookie", cookie, first) && first;
        field(out, "name", name, first);
        out.append('}');
        field(out, "subject", subject, false);
        field(out, "text", text, false);
        field(out, "inReplyTo", inReplyTo, false);
        field(out, "chatSession", chatSession, false);
        out.append('}');
        return out.toString();
    }

    /**
     * The message the inbound controller would build from {@link #json()}; {@code receivedAt} is
     * the moment of the call, as the controller takes it from the clock.
     */
    InboundMessage toInbound(byte[] rawJson, Instant receivedAt) {
        List<Identifier> identifiers = new ArrayList<>(3);
        add(identifiers, IdentifierType.EMAIL, email);
        add(identifiers, IdentifierType.PHONE, phone);
        add(identifiers, IdentifierType.COOKIE, cookie);
        String replyAddress = switch (channel.code()) {
            case "email" -> email;
            case "sms", "voice" -> phone;
            case "chat" -> chatSession != null ? chatSession : cookie;
            case "webform" -> email != null ? email : phone;
            default -> null;
        };
        List<String> references = inReplyTo == null ? List.of() : List.of(inReplyTo);
        return new InboundMessage(channel, entryPoint, externalId, new InboundMessage.Sender(name, identifiers, replyAddress),
                subject, text, HtmlSanitiser.sanitise(null), null, receivedAt,
                new InboundMessage.Threading(null, references, chatSession), InboundMessage.Automation.HUMAN, List.of(),
                new InboundMessage.RawPayload("application/json", rawJson));
    }

    byte[] jsonBytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }

    private static void add(List<Identifier> into, IdentifierType type, String value) {
        if (value != null && !value.isBlank()) {
            into.add(new Identifier(type, value));
        }
    }

    /** Appends {@code "name":"value"} when the value is present; answers whether it wrote nothing. */
    private static boolean field(StringBuilder out, String name, String value, boolean first) {
        if (value == null) {
            return true;
        }
        if (!first) {
            out.append(',');
        }
        out.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return false;
    }
}
