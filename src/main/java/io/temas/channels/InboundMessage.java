package io.temas.channels;

import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message as every channel delivers it to the pipeline, whatever its medium.
 *
 * @param channel        the medium
 * @param entryPoint     the address, number, keyword, form or code it came in on
 * @param externalId     the channel's own id for it; a second delivery with the same id is a retry
 * @param sender         who sent it
 * @param subject        subject line, when the channel has one
 * @param text           plain text body
 * @param html           sanitised HTML body, or null
 * @param language       the language the sender wrote in, when known
 * @param receivedAt     when the channel received it
 * @param threading      the channel's hints for finding the conversation it belongs to
 * @param automation     whether a machine sent it (loop protection)
 * @param attachments    files that came with it
 * @param raw            the payload exactly as it arrived
 */
public record InboundMessage(
        ChannelType channel,
        String entryPoint,
        String externalId,
        Sender sender,
        String subject,
        String text,
        String html,
        Language language,
        Instant receivedAt,
        Threading threading,
        Automation automation,
        List<InboundAttachment> attachments,
        RawPayload raw) {

    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(raw, "raw");
        threading = threading == null ? Threading.NONE : threading;
        automation = automation == null ? Automation.HUMAN : automation;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The sender: a display name, the identifiers the message carried, the address to answer. */
    public record Sender(String name, List<Identifier> identifiers, String replyAddress) {

        public Sender {
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        }
    }

    /** Threading hints: a header id, the ids it answers, a chat session. */
    public record Threading(String headerId, List<String> references, String chatSession) {

        public static final Threading NONE = new Threading(null, List.of(), null);

        public Threading {
            references = references == null ? List.of() : List.copyOf(references);
        }
    }

    /** Whether the sender is a robot: auto-replies, bulk mail, no-reply addresses. */
    public record Automation(boolean autoSubmitted, boolean bulk, String detail) {

        public static final Automation HUMAN = new Automation(false, false, null);

        public boolean isAutomated() {
            return autoSubmitted || bulk;
        }
    }

    /** The exact bytes that arrived, and their media type. */
    public record RawPayload(String contentType, byte[] bytes) {
    }
}
