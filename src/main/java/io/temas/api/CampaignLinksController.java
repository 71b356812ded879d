package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.campaigns.CampaignLinks;
import io.temas.shared.NotFound;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Tracked links in campaign e-mail: opened by customers' browsers, so without a token. */
@RestController
class CampaignLinksController {

    private final CampaignLinks links;
    private final MessageSource messages;

    CampaignLinksController(CampaignLinks links, MessageSource messages) {
        this.links = links;
        this.messages = messages;
    }

    @Operation(summary = "A click on a campaign e-mail's link", description = "Records the response and redirects to the send's link.")
    @GetMapping("/api/v1/campaign-links/{contactId}")
    ResponseEntity<String> click(@PathVariable UUID contactId, Locale locale) {
        CampaignLinks.Click click = links.click(contactId);
        if (!click.known()) {
            throw new NotFound("no campaign link " + contactId);
        }
        if (click.target() != null && (click.target().startsWith("https://") || click.target().startsWith("http://"))) {
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(click.target())).build();
        }
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                .body(messages.getMessage("campaigns.click.thanks", null, locale));
    }
}
