using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Pathway.Data;

namespace Pathway.Access;

/// <summary>A Data Protection key ring entry, kept in the database so a restart does not sign everyone out.</summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

/// <summary>
/// Stores the key ring in Pathway's own database. (The EF Core package for this is not on the package feed
/// Pathway builds from, and the interface is two methods.)
/// </summary>
public sealed class DatabaseKeyRing(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PathwayDb>();
        return db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PathwayDb>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

/// <summary>
/// The certificate that encrypts the key ring at rest: whoever reads the database (a backup, say) cannot then forge
/// sign-in cookies without it. Kept outside the database, named by <c>Pathway:DataProtection:CertificatePath</c> (a
/// PKCS #12 file) and <c>Pathway:DataProtection:CertificatePassword</c>.
/// </summary>
public static class KeyEncryption
{
    public const string PathSetting = "Pathway:DataProtection:CertificatePath";
    public const string PasswordSetting = "Pathway:DataProtection:CertificatePassword";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[PathSetting]);

    public static X509Certificate2? Certificate(IConfiguration configuration)
    {
        if (!IsConfigured(configuration)) return null;
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(configuration[PathSetting]!, configuration[PasswordSetting]);
        return certificate.HasPrivateKey ? certificate
            : throw new InvalidOperationException($"{PathSetting}: the certificate has no private key, so keys could not be read back.");
    }
}
