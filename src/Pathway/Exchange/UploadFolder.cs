namespace Pathway.Exchange;

/// <summary>
/// Where a bundle uploaded on the records page waits between "check" and "load": client records, so in a folder
/// only the server's own account may open (created afresh by each server with owner-only permissions, 0700, and
/// each file 0600), deleted once loaded or cancelled, and swept away after an hour if nobody comes back for it.
/// </summary>
public sealed class UploadFolder(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly Lazy<string> folder = new(() => Directory.CreateTempSubdirectory("pathway-uploads-").FullName);

    public string Path => folder.Value;

    /// <summary>The file of an upload id, or null when the id is not one this folder could have made.</summary>
    public string? PathOf(string? id) =>
        id is not null && Guid.TryParseExact(id, "N", out _) ? System.IO.Path.Combine(Path, id + ".zip") : null;

    public async Task<string> SaveAsync(IFormFile upload, CancellationToken cancel)
    {
        var id = Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = new FileStream(PathOf(id)!, options);
        await upload.CopyToAsync(file, cancel);
        return id;
    }

    public bool Holds(string? id) => PathOf(id) is { } path && File.Exists(path);

    public void Delete(string? id)
    {
        if (PathOf(id) is { } path && File.Exists(path)) File.Delete(path);
    }

    /// <summary>Deletes every upload older than <see cref="Lifetime"/>; called on each check and load.</summary>
    public void Sweep()
    {
        if (!folder.IsValueCreated) return;
        var cutoff = time.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var file in new DirectoryInfo(Path).EnumerateFiles("*.zip"))
        {
            try
            {
                if (file.LastWriteTimeUtc < cutoff) file.Delete();
            }
            catch (IOException)
            {
                // Being read by a load right now; the next sweep takes it.
            }
        }
    }

    public void Dispose()
    {
        if (folder.IsValueCreated && Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
