package io.temas;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Temas: one point of contact for a company's customers across every channel. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TemasApplication {

    public static void main(String[] args) {
        io.temas.platform.CleanStop.install();
        SpringApplication.run(TemasApplication.class, args);
    }
}
