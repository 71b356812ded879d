package io.temas.api;

import io.temas.channels.InboundRejected;
import io.temas.channels.email.EmailIngest;
import io.temas.inbound.InboundPipeline;
import io.temas.inbound.Quarantine;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.Refusal;
import io.temas.shared.RefusedByRule;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a quarantined input through its way in once more, after the cause was fixed (a missing
 * entry point added, say): raw e-mail through the e-mail ingest, JSON as {@code POST /api/v1/inbound}
 * reads it. When it goes through, or fails again (and is then quarantined anew with the new
 * reason), the old item is released.
 */
@Service
public class InboundRetry {

    /** What became of the retry. */
    public sealed interface Outcome {

        /** It went through; {@code conversationId} is null for a delivery report. */
        record Delivered(UUID conversationId) implements Outcome {
        }

        /** It failed again; {@code quarantineId} names the new item, or null when the input still cannot be read. */
        record Failed(String reason, UUID quarantineId) implements Outcome {
        }
    }

    private final Quarantine quarantine;
    private final EmailIngest email;
    private final InboundPipeline pipeline;
    private final InboundRequests requests;
    private final JsonMapper json;

    InboundRetry(Quarantine quarantine, EmailIngest email, InboundPipeline pipeline, InboundRequests requests, JsonMapper json) {
        this.quarantine = quarantine;
        this.email = email;
        this.pipeline = pipeline;
        this.requests = requests;
        this.json = json;
    }

    /** @throws NotFound when there is no such item */
    public Outcome retry(UUID id) {
        Quarantine.Item item = quarantine.find(id).orElseThrow(() -> new NotFound("No quarantined item " + id));
        try {
            Outcome outcome = run(item);
            quarantine.release(id);
            return outcome;
        } catch (InboundRejected e) {
            quarantine.release(id);
            return new Outcome.Failed(e.getMessage(), e.quarantineId());
        } catch (JacksonException e) {
            return new Outcome.Failed("malformed JSON: " + e.getOriginalMessage(), null);
        } catch (Refusal e) {
            return new Outcome.Failed(e.getMessage(), null);
        }
    }

    /** How every provider's webhook input is stored: {@code application/vnd.temas.<provider>-webhook+<format>}. */
    private static final Pattern PROVIDER_WEBHOOK = Pattern.compile("application/vnd\\.temas\\.[a-z]+-webhook\\+.+");

    private Outcome run(Quarantine.Item item) {
        if (item.contentType() != null && PROVIDER_WEBHOOK.matcher(item.contentType()).matches()) {
            // Unsigned or unreadable provider input must not become trusted input; the provider sends it again, signed.
            throw new RefusedByRule("provider webhooks are not retried here: the provider sends them again");
        }
        if (EmailIngest.CONTENT_TYPE.equalsIgnoreCase(item.contentType())) {
            return switch (email.ingest(item.payload(), item.entryPoint())) {
                case EmailIngest.Outcome.Delivered delivered -> new Outcome.Delivered(delivered.receipt().conversationId());
                case EmailIngest.Outcome.Bounced bounced -> new Outcome.Delivered(null);
            };
        }
        InboundRequest request = json.readValue(item.payload(), InboundRequest.class);
        if (request == null) {
            throw new InvalidInput("empty body");
        }
        return new Outcome.Delivered(pipeline.receive(requests.toMessage(request, item.contentType(), item.payload())).conversationId());
    }
}
