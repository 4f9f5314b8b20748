using System.Security.Cryptography;
using Pathway.Access;
using Pathway.Infrastructure;

namespace Pathway.Web;

/// <summary>
/// What `serve` checks in its configuration before it listens, in plain sentences: <see cref="Refusals"/> are broken
/// settings it will not start with; <see cref="Warnings"/> are unsafe choices it allows. (The database is checked
/// separately, by <see cref="Data.SchemaRules.EnsureUsableAsync"/>.)
/// </summary>
public sealed record ServeConfiguration(IReadOnlyList<string> Refusals, IReadOnlyList<string> Warnings)
{
    public const string DefaultUrls = "http://localhost:5000";

    public static ServeConfiguration Check(IConfiguration configuration, WebSettings settings)
    {
        var refusals = new List<string>();
        var warnings = new List<string>();

        // Where cookies can work: Secure cookies need HTTPS, here or at a proxy Pathway believes.
        IReadOnlyList<System.Net.IPAddress> proxies = [];
        try
        {
            proxies = SignIn.KnownProxies(configuration);
        }
        catch (InvalidOperationException e)
        {
            refusals.Add($"{e.Message.TrimEnd('.')}: list the addresses of the proxies in front of Pathway, separated by commas.");
        }
        var urls = settings.Urls ?? configuration["urls"] ?? DefaultUrls;
        var https = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        var secure = SignIn.SecureCookies(configuration, settings.Demo);
        if (!settings.Demo && secure && !https && proxies.Count == 0)
            warnings.Add("Warning: outside demo mode Pathway's cookies are Secure, but it listens on plain HTTP and believes no proxy: serve it over "
                + "HTTPS, or behind a TLS proxy that sets X-Forwarded-Proto and is listed in Pathway__KnownProxies. For a trial on plain "
                + "HTTP set Pathway__SecureCookies=false.");
        if (!settings.Demo && !secure)
            warnings.Add("Warning: Pathway__SecureCookies=false, so sign-in cookies also travel over plain HTTP, where anyone on the network can read "
                + "them. Use this only for a trial.");

        // The certificate that encrypts the sign-in keys: named but unusable is broken; not named is unsafe.
        if (KeyEncryption.IsConfigured(configuration))
        {
            if (CertificateProblem(configuration) is { } problem) refusals.Add(problem);
        }
        else if (!settings.Demo)
            warnings.Add("Warning: the keys that protect sign-in cookies are stored unencrypted in the database. Set "
                + "Pathway__DataProtection__CertificatePath (and CertificatePassword) to a certificate that encrypts them.");

        TelemetryExport.Read(configuration, out var telemetry);
        if (telemetry is not null) refusals.Add(telemetry);

        return new ServeConfiguration(refusals, warnings);
    }

    private static string? CertificateProblem(IConfiguration configuration)
    {
        var path = configuration[KeyEncryption.PathSetting]!;
        var setting = "Pathway__DataProtection__CertificatePath";
        if (!File.Exists(path))
            return $"{setting} names {path}, which does not exist: give the PKCS #12 (.pfx) file that encrypts the sign-in keys.";
        try
        {
            using var certificate = KeyEncryption.Certificate(configuration);
            return null;
        }
        catch (CryptographicException)
        {
            return $"The certificate {path} cannot be opened: check that it is a PKCS #12 (.pfx) file and that "
                + "Pathway__DataProtection__CertificatePassword is its password.";
        }
        catch (InvalidOperationException)
        {
            return $"The certificate {path} has no private key, so the sign-in keys it encrypted could not be read back: "
                + "give a PKCS #12 (.pfx) file that includes its private key.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"The certificate {path} cannot be read: {e.Message}";
        }
    }
}
