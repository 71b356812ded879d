/** Value types shared by every module: identifiers, channels, languages. No Spring here. */
package io.temas.shared;
