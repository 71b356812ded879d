package io.temas.portal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A help-centre address that fails outside the portal's controllers (a page that does not exist, a
 * bug) is answered in the help centre's own frame and the visitor's language, with the way home,
 * never with Spring's "Whitelabel" page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalErrorPages implements ErrorViewResolver {

    private final PortalModel frame;

    PortalErrorPages(PortalModel frame) {
        this.frame = frame;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? String.valueOf(model.get("path")) : uri.toString();
        if (!path.equals("/portal") && !path.startsWith("/portal/")) {
            return null;
        }
        ExtendedModelMap page = new ExtendedModelMap();
        frame.frame(RequestContextUtils.getLocale(request), page);
        boolean notFound = status == HttpStatus.NOT_FOUND;
        page.addAttribute("noticeTitle", notFound ? "kb.portal.notFound" : "kb.portal.error.title");
        page.addAttribute("noticeText", notFound ? null : "kb.portal.error.text");
        return new ModelAndView("portal/notice", page, status);
    }
}
