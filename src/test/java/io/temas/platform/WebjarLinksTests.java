package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

/** Which links the webjar filter asks the resource chain about, and what it writes. */
class WebjarLinksTests {

    /** The resource chain under {@code /webjars/**}: knows one webjar file, and counts the questions. */
    static final class Chain {

        final List<String> asked = new ArrayList<>();
        final ResourceUrlProvider provider = new ResourceUrlProvider();

        Chain() {
            ResourceHttpRequestHandler handler = new ResourceHttpRequestHandler();
            handler.setResourceResolvers(List.of(new ResourceResolver() {
                @Override
                public Resource resolveResource(HttpServletRequest request, String requestPath, List<? extends Resource> locations,
                                                ResourceResolverChain chain) {
                    return null;
                }

                @Override
                public String resolveUrlPath(String resourcePath, List<? extends Resource> locations, ResourceResolverChain chain) {
                    asked.add(resourcePath);
                    return resourcePath.equals("htmx.org/dist/htmx.min.js") ? "htmx.org/2.0.4/dist/htmx.min.js" : null;
                }
            }));
            provider.setHandlerMap(Map.of("/webjars/**", handler));
        }
    }

    private static MockHttpServletRequest request(String contextPath, Chain chain) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setContextPath(contextPath);
        if (chain != null) {
            request.setAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR, chain.provider);
        }
        return request;
    }

    @Test
    void linksOutsideTheWebjarsAreWrittenAsTheyAreWithoutAskingTheChain() {
        Chain chain = new Chain();
        WebjarLinks.Filter filter = new WebjarLinks.Filter();
        MockHttpServletRequest request = request("", chain);

        for (String link : List.of("/console/customers/42", "/assets/console.css", "/portal?lang=az", "/webjarsx/a.js", "https://example.com/webjars/a.js")) {
            assertThat(filter.link(request, link)).isEqualTo(link);
        }
        assertThat(chain.asked).isEmpty();
    }

    @Test
    void aWebjarLinkGetsItsVersionAndKeepsItsQueryAndIsAskedAboutOnce() {
        Chain chain = new Chain();
        WebjarLinks.Filter filter = new WebjarLinks.Filter();
        MockHttpServletRequest request = request("", chain);

        assertThat(filter.link(request, "/webjars/htmx.org/dist/htmx.min.js")).isEqualTo("/webjars/htmx.org/2.0.4/dist/htmx.min.js");
        assertThat(filter.link(request, "/webjars/htmx.org/dist/htmx.min.js")).isEqualTo("/webjars/htmx.org/2.0.4/dist/htmx.min.js");
        assertThat(filter.link(request, "/webjars/htmx.org/dist/htmx.min.js?v=2#top")).isEqualTo("/webjars/htmx.org/2.0.4/dist/htmx.min.js?v=2#top");
        assertThat(filter.link(request, "/webjars/none/x.js")).isEqualTo("/webjars/none/x.js");
        assertThat(filter.link(request, "/webjars/none/x.js")).isEqualTo("/webjars/none/x.js");
        assertThat(chain.asked).containsExactly("htmx.org/dist/htmx.min.js", "htmx.org/dist/htmx.min.js", "none/x.js");
    }

    @Test
    void underAContextPathTheChainIsAskedWithoutItAndTheLinkKeepsIt() {
        Chain chain = new Chain();
        WebjarLinks.Filter filter = new WebjarLinks.Filter();

        assertThat(filter.link(request("/temas", chain), "/temas/webjars/htmx.org/dist/htmx.min.js"))
                .isEqualTo("/temas/webjars/htmx.org/2.0.4/dist/htmx.min.js");
        assertThat(filter.link(request("/temas", chain), "/webjars/htmx.org/dist/htmx.min.js")).as("not under the context path")
                .isEqualTo("/webjars/htmx.org/dist/htmx.min.js");
        assertThat(chain.asked).containsExactly("htmx.org/dist/htmx.min.js");
    }

    @Test
    void withoutTheChainALinkIsWrittenAsItIsAndAskedAboutNextTime() {
        Chain chain = new Chain();
        WebjarLinks.Filter filter = new WebjarLinks.Filter();

        assertThat(filter.link(request("", null), "/webjars/htmx.org/dist/htmx.min.js")).isEqualTo("/webjars/htmx.org/dist/htmx.min.js");
        assertThat(filter.link(request("", chain), "/webjars/htmx.org/dist/htmx.min.js")).isEqualTo("/webjars/htmx.org/2.0.4/dist/htmx.min.js");
    }
}
