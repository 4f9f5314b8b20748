using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;
using Pathway.People;

namespace Pathway.History;

/// <summary>One change to a client's records: who, when, what. Written in the same save as the change itself.</summary>
public class ChangeRecord
{
    public long Id { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int? EpisodeId { get; set; }
    public Episode? Episode { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ByUserId { get; set; }
    public required string ByName { get; set; }
    public required string Summary { get; set; }
    public required string Changes { get; set; }
}

public class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> change)
    {
        change.Property(c => c.ByUserId).HasMaxLength(450);
        change.Property(c => c.ByName).HasMaxLength(200);
        change.Property(c => c.Summary).HasMaxLength(200);
        change.Property(c => c.Changes).HasMaxLength(8000);
        change.HasOne(c => c.Person).WithMany().OnDelete(DeleteBehavior.Cascade);
        change.HasOne(c => c.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        change.HasIndex(c => new { c.PersonId, c.At });
    }
}
