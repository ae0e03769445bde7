package org.scimbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ScimBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScimBridgeApplication.class, args);
    }
}
