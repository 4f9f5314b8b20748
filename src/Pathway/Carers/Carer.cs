using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;
using Pathway.People;

namespace Pathway.Carers;

/// <summary>A family member or carer of a client, as the client's provider knows them.</summary>
public class Carer
{
    public int Id { get; set; }
    public int ClientRecordId { get; set; }
    public ClientRecord ClientRecord { get; set; } = null!;
    public required string Name { get; set; }
    public required string Relationship { get; set; }
    public string? Phone { get; set; }
    public List<CarerSupport> Support { get; set; } = [];
}

/// <summary>Support given to a carer in their own right (not a contact of the client's episode).</summary>
public class CarerSupport
{
    public int Id { get; set; }
    public int CarerId { get; set; }
    public Carer Carer { get; set; } = null!;
    public DateOnly Date { get; set; }
    public ContactChannel Channel { get; set; }
    public bool CarersGroup { get; set; }
}

public class CarerConfiguration : IEntityTypeConfiguration<Carer>
{
    public void Configure(EntityTypeBuilder<Carer> carer)
    {
        carer.Property(c => c.Name).HasMaxLength(200);
        carer.Property(c => c.Relationship).HasMaxLength(100);
        carer.Property(c => c.Phone).HasMaxLength(40);
        carer.HasOne(c => c.ClientRecord).WithMany().OnDelete(DeleteBehavior.Cascade);
        carer.HasMany(c => c.Support).WithOne(s => s.Carer).OnDelete(DeleteBehavior.Cascade);
        carer.HasIndex(c => c.ClientRecordId);
    }
}

public class CarerSupportConfiguration : IEntityTypeConfiguration<CarerSupport>
{
    public void Configure(EntityTypeBuilder<CarerSupport> support) => support.HasIndex(s => new { s.CarersGroup, s.Date });
}
