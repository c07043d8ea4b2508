namespace Hookline.Storage;

/// <summary>A secret Hookline made for its operator (the first admin key, the first admin password), kept in the data folder.</summary>
public static class SecretFile
{
    /// <summary>Writes <paramref name="secret"/> to <paramref name="fileName"/> in the data folder, readable by its owner only; returns the full path.</summary>
    public static async Task<string> WriteAsync(StorageOptions storage, string fileName, string secret)
    {
        ArgumentNullException.ThrowIfNull(storage);
        StorageServiceCollectionExtensions.CreateDataDirectory(storage.DataDirectory);
        var path = Path.GetFullPath(Path.Combine(storage.DataDirectory, fileName));
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var file = new StreamWriter(path, fileOptions))
        {
            await file.WriteLineAsync(secret).ConfigureAwait(false);
        }
        return path;
    }
}
