package org.ec2workbench.sandbox.iam;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Turns JSON syntax errors into messages that give a location but never echo the input (it may hold secrets). */
final class JsonInput {

    private JsonInput() {
    }

    static IamConfigException malformed(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String location = at == null ? "$" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new IamConfigException(source, location, "malformed JSON");
    }
}
