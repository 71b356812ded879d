package io.temas.console;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Where the console shows one campaign: {@code /console/campaigns/{id}} when the console has that
 * page, else nowhere (callers then go to the campaign board). Looked up once in the handler mapping.
 */
@Component
class CampaignPage {

    private static final Pattern ONE_CAMPAIGN = Pattern.compile("/console/campaigns/\\{[^}/]+}");

    private final RequestMappingHandlerMapping mapping;
    private volatile Boolean exists;

    CampaignPage(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        this.mapping = mapping;
    }

    Optional<String> of(UUID campaign) {
        if (exists == null) {
            exists = mapping.getHandlerMethods().keySet().stream()
                    .filter(info -> info.getMethodsCondition().getMethods().isEmpty()
                            || info.getMethodsCondition().getMethods().contains(RequestMethod.GET))
                    .flatMap(info -> info.getPatternValues().stream()).anyMatch(p -> ONE_CAMPAIGN.matcher(p).matches());
        }
        return exists ? Optional.of("/console/campaigns/" + campaign) : Optional.empty();
    }
}
