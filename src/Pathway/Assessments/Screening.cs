using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;

namespace Pathway.Assessments;

/// <summary>A completed screening questionnaire (AUDIT, AUDIT-C, SADQ): not in the exchange format, kept for the case.</summary>
public class Screening
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public ScreeningTool Tool { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>Points per question in order, comma-separated, so the score can be re-checked.</summary>
    public required string Answers { get; set; }
    public int Score { get; set; }

    public string Zone => Tool switch
    {
        ScreeningTool.Audit => Audit.ZoneOf(Score),
        ScreeningTool.AuditC => AuditC.ZoneOf(Score),
        _ => Sadq.ZoneOf(Score),
    };
}

public enum HousingSituation { Settled, Unsettled, NoFixedAbode }

public enum EmploymentSituation { Employed, SelfEmployed, Unemployed, Education, UnableToWork, Retired }

/// <summary>Triage's picture of housing, work and risk. The latest one gives the caseload's risk flags.</summary>
public class RiskAssessment
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public DateOnly Date { get; set; }
    public HousingSituation Housing { get; set; }
    public EmploymentSituation Employment { get; set; }
    public bool OverdoseRisk { get; set; }
    public bool SelfHarmRisk { get; set; }
    public bool SafeguardingConcern { get; set; }
    public bool DomesticAbuse { get; set; }
    public string? Notes { get; set; }

    public IEnumerable<string> Flags()
    {
        if (OverdoseRisk) yield return "Overdose";
        if (SelfHarmRisk) yield return "Self-harm";
        if (SafeguardingConcern) yield return "Safeguarding";
        if (DomesticAbuse) yield return "Domestic abuse";
    }
}

public class ScreeningConfiguration : IEntityTypeConfiguration<Screening>
{
    public void Configure(EntityTypeBuilder<Screening> screening)
    {
        screening.Property(s => s.Answers).HasMaxLength(100);
        screening.Ignore(s => s.Zone);
        screening.HasOne(s => s.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        screening.HasIndex(s => new { s.EpisodeId, s.Date });
    }
}

public class RiskAssessmentConfiguration : IEntityTypeConfiguration<RiskAssessment>
{
    public void Configure(EntityTypeBuilder<RiskAssessment> risk)
    {
        risk.Property(r => r.Notes).HasMaxLength(4000);
        risk.HasOne(r => r.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        risk.HasIndex(r => new { r.EpisodeId, r.Date });
    }
}
