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
