using System.IO.Compression;

namespace Pathway.Exchange;

/// <summary>
/// A bundle as handed over: a folder, or a .zip of one. The files may sit at the top of the .zip or inside
/// one folder in it (what "compress folder" produces). Files are opened as streams, never extracted.
/// </summary>
public sealed class Bundle : IDisposable
{
    private readonly string? folder;
    private readonly ZipArchive? zip;
    private readonly string zipPrefix = "";

    private Bundle(string? folder, ZipArchive? zip, string zipPrefix)
    {
        this.folder = folder;
        this.zip = zip;
        this.zipPrefix = zipPrefix;
    }

    /// <summary>Opens a bundle, or says in one sentence why it cannot be opened.</summary>
    public static Bundle Open(string path)
    {
        if (Directory.Exists(path)) return new Bundle(path, null, "");
        if (!File.Exists(path)) throw new BundleUnreadableException($"There is no folder or .zip file at {path}.");
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            throw new BundleUnreadableException($"{Path.GetFileName(path)} is neither a folder nor a .zip file that can be opened.");
        }
        var names = zip.Entries.Where(e => e.Name.Length > 0).Select(e => e.FullName).ToList();
        // Files at the top, else the one folder that holds clients.csv.
        var prefix = names.Contains(BundleFormat.Clients.Name) ? ""
            : names.Where(n => n.EndsWith("/" + BundleFormat.Clients.Name, StringComparison.Ordinal))
                   .Select(n => n[..^BundleFormat.Clients.Name.Length]).Order(StringComparer.Ordinal).FirstOrDefault() ?? "";
        return new Bundle(null, zip, prefix);
    }

    public bool Has(BundleFile file) => folder is not null
        ? File.Exists(Path.Combine(folder, file.Name))
        : zip!.GetEntry(zipPrefix + file.Name) is not null;

    public Stream OpenRead(BundleFile file) => folder is not null
        ? new FileStream(Path.Combine(folder, file.Name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16)
        : zip!.GetEntry(zipPrefix + file.Name)!.Open();

    public void Dispose() => zip?.Dispose();
}

/// <summary>The bundle cannot be opened at all (as opposed to holding invalid rows); one sentence.</summary>
public sealed class BundleUnreadableException(string message) : Exception(message);
