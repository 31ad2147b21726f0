package io.eddy.api.fs;

/**
 * A file or directory as its file system lists it. {@code path} is fully qualified (a local
 * absolute path, or a URI with scheme and authority), so it can be passed back to
 * {@link FileSystems#get(String)} on another machine.
 */
public record FileStatus(String path, long length, boolean isDirectory) {}
