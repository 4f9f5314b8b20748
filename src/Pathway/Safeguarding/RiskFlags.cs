using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.People;

namespace Pathway.Safeguarding;

public enum OverdoseRisk { Low, Medium, High }

/// <summary>
/// The risk and safeguarding flags staff keep up to date for a client: children in the household, domestic abuse (with a
/// MARAC referral date), overdose risk. One for each client record, so the flags follow the person from one episode to the next
/// at the same provider (a client record is the person as one provider's system knows them), and never cross to another
/// provider. Triage's <see cref="Assessments.RiskAssessment"/> is a dated snapshot of the first picture; these are the current
/// one. Case management only: exchange-format.md version 2 has no columns for them, so a load never touches them.
/// </summary>
public class RiskFlags
{
    public int ClientRecordId { get; set; }
    public ClientRecord ClientRecord { get; set; } = null!;

    /// <summary>Null: not asked yet.</summary>
    public bool? ChildrenInHousehold { get; set; }
    /// <summary>How many children under 18 live in the household, when known; only when there are children.</summary>
    public int? ChildrenCount { get; set; }

    public bool DomesticAbuse { get; set; }
    /// <summary>The day the client was referred to a multi-agency risk assessment conference; only with domestic abuse.</summary>
    public DateOnly? MaracReferralDate { get; set; }

    /// <summary>Null: not assessed.</summary>
    public OverdoseRisk? OverdoseRisk { get; set; }
    public string? OverdoseRiskReason { get; set; }
}

public class RiskFlagsConfiguration : IEntityTypeConfiguration<RiskFlags>
{
    public void Configure(EntityTypeBuilder<RiskFlags> flags)
    {
        flags.HasKey(f => f.ClientRecordId);
        flags.HasOne(f => f.ClientRecord).WithOne().HasForeignKey<RiskFlags>(f => f.ClientRecordId).OnDelete(DeleteBehavior.Cascade);
        flags.Property(f => f.OverdoseRiskReason).HasMaxLength(RiskFlagRules.ReasonLength);
    }
}
