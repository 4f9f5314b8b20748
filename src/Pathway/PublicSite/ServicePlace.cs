using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.PublicSite;

public enum PlaceKind { RecoveryHub, Clinic, Pharmacy, Outreach }

/// <summary>Where help is: a hub, clinic, pharmacy or outreach point, shown on the public /services page.</summary>
public class ServicePlace
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public PlaceKind Kind { get; set; }
    public required string Address { get; set; }
    public required string Postcode { get; set; }
    public required string LocalAuthorityCode { get; set; }
    /// <summary>The provider that runs the place: its team managers keep the listing. Null until an administrator assigns one.</summary>
    public string? ProviderCode { get; set; }
    public required string OpeningTimes { get; set; }
    /// <summary>A needle and syringe programme runs here.</summary>
    public bool NeedleAndSyringe { get; set; }
    public string? Phone { get; set; }
    public List<DropInSession> DropIns { get; set; } = [];
}

/// <summary>A regular drop-in: no appointment needed.</summary>
public class DropInSession
{
    public int Id { get; set; }
    public int ServicePlaceId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Starts { get; set; }
    public TimeOnly Ends { get; set; }
    public required string Description { get; set; }
    /// <summary>A carers' group: listed on the public carers' page as well as under its place.</summary>
    public bool ForCarers { get; set; }
}

public class ServicePlaceConfiguration : IEntityTypeConfiguration<ServicePlace>
{
    public void Configure(EntityTypeBuilder<ServicePlace> place)
    {
        place.Property(p => p.Name).HasMaxLength(200);
        place.Property(p => p.Address).HasMaxLength(300);
        place.Property(p => p.Postcode).HasMaxLength(8);
        place.Property(p => p.LocalAuthorityCode).HasMaxLength(9);
        place.Property(p => p.ProviderCode).HasMaxLength(20);
        place.Property(p => p.OpeningTimes).HasMaxLength(300);
        place.Property(p => p.Phone).HasMaxLength(30);
        place.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        place.HasMany(p => p.DropIns).WithOne().HasForeignKey(d => d.ServicePlaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class DropInSessionConfiguration : IEntityTypeConfiguration<DropInSession>
{
    public void Configure(EntityTypeBuilder<DropInSession> session)
    {
        session.Property(s => s.Description).HasMaxLength(200);
        session.Property(s => s.Day).HasConversion<string>().HasMaxLength(10);
    }
}
