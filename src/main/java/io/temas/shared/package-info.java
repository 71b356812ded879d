/** Value types shared by every module: identifiers, channels, languages. No Spring here. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.temas.shared;
