package io.temas.console;

import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Temas's icon at {@code /favicon.ico}, where browsers and bookmark tools look without being told:
 * the same SVG the pages link ({@code /assets/favicon.svg}), open to everyone.
 */
@Controller
class Favicon {

    private static final Resource ICON = new ClassPathResource("static/assets/favicon.svg");
    private static final MediaType SVG = MediaType.valueOf("image/svg+xml");

    @GetMapping("/favicon.ico")
    ResponseEntity<Resource> icon() {
        return ResponseEntity.ok().contentType(SVG).cacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic()).body(ICON);
    }
}
