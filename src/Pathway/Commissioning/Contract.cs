using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Commissioning;

/// <summary>
/// An outcome-based contract between a council and a provider: its dates, an optional extension, and a
/// target per indicator that the dashboard shows each figure against.
/// </summary>
public class Contract
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string LocalAuthorityCode { get; set; }
    public required string ProviderCode { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    /// <summary>The latest date the contract may be extended to, when it has an extension option.</summary>
    public DateOnly? ExtensionEndDate { get; set; }
    public List<ContractTarget> Targets { get; set; } = [];

    /// <summary>What the contract is worth a year, in pounds.</summary>
    public decimal AnnualValue { get; set; }
    /// <summary>
    /// The percentage of the value paid on outcomes: each quarter a quarter of that share is divided equally among the
    /// contract's targets, and the part for a target is earned when its figure meets the target (see <see cref="ContractMoney"/>).
    /// </summary>
    public decimal OutcomePaymentPercent { get; set; }
    /// <summary>The annual value of the contract this one replaced, when there was one: the saving is measured against it.</summary>
    public decimal? PreviousAnnualValue { get; set; }
    public List<ContractSpend> Spend { get; set; } = [];

    public bool Covers(DateOnly day) => StartDate <= day && day <= EndDate;
}

/// <summary>A contract's target for one indicator id of cli.md (a percentage, a count or days).</summary>
public class ContractTarget
{
    public int Id { get; set; }
    public int ContractId { get; set; }
    public Contract Contract { get; set; } = null!;
    public required string IndicatorId { get; set; }
    public decimal Target { get; set; }
}

/// <summary>What a commissioner recorded as spent on a contract in one financial quarter.</summary>
public class ContractSpend
{
    public int Id { get; set; }
    public int ContractId { get; set; }
    public Contract Contract { get; set; } = null!;
    /// <summary>The quarter's financial year (April to March) and number, as <see cref="Quarter"/>.</summary>
    public int FinancialYear { get; set; }
    public int QuarterNumber { get; set; }
    public decimal Amount { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A published figure of another area, loaded from CSV, to benchmark this area against.</summary>
public class BenchmarkFigure
{
    public int Id { get; set; }
    /// <summary>The council whose comparator set this is: its commissioners load, replace and remove it; nobody else's changes it.</summary>
    public required string OwnerLocalAuthorityCode { get; set; }
    public required string AreaCode { get; set; }
    public required string AreaName { get; set; }
    public required string IndicatorId { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public decimal Value { get; set; }
}

public class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> contract)
    {
        contract.Property(c => c.Name).HasMaxLength(200);
        contract.Property(c => c.LocalAuthorityCode).HasMaxLength(9);
        contract.Property(c => c.ProviderCode).HasMaxLength(20);
        contract.HasIndex(c => new { c.LocalAuthorityCode, c.ProviderCode });
        contract.HasMany(c => c.Targets).WithOne(t => t.Contract).OnDelete(DeleteBehavior.Cascade);
        contract.Property(c => c.AnnualValue).HasPrecision(14, 2);
        contract.Property(c => c.OutcomePaymentPercent).HasPrecision(5, 2);
        contract.Property(c => c.PreviousAnnualValue).HasPrecision(14, 2);
        contract.HasMany(c => c.Spend).WithOne(s => s.Contract).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ContractTargetConfiguration : IEntityTypeConfiguration<ContractTarget>
{
    public void Configure(EntityTypeBuilder<ContractTarget> target)
    {
        target.Property(t => t.IndicatorId).HasMaxLength(80);
        target.Property(t => t.Target).HasPrecision(12, 2);
        target.HasIndex(t => new { t.ContractId, t.IndicatorId }).IsUnique();
    }
}

public class ContractSpendConfiguration : IEntityTypeConfiguration<ContractSpend>
{
    public void Configure(EntityTypeBuilder<ContractSpend> spend)
    {
        spend.Property(s => s.Amount).HasPrecision(14, 2);
        spend.Property(s => s.RecordedBy).HasMaxLength(256);
        // One figure per contract and quarter: recording it again replaces it.
        spend.HasIndex(s => new { s.ContractId, s.FinancialYear, s.QuarterNumber }).IsUnique();
    }
}

public class BenchmarkFigureConfiguration : IEntityTypeConfiguration<BenchmarkFigure>
{
    public void Configure(EntityTypeBuilder<BenchmarkFigure> figure)
    {
        figure.Property(f => f.OwnerLocalAuthorityCode).HasMaxLength(9);
        figure.Property(f => f.AreaCode).HasMaxLength(20);
        figure.Property(f => f.AreaName).HasMaxLength(200);
        figure.Property(f => f.IndicatorId).HasMaxLength(80);
        figure.Property(f => f.Value).HasPrecision(12, 2);
        // One published value per council's set, area, indicator and period: a reload replaces it.
        figure.HasIndex(f => new { f.OwnerLocalAuthorityCode, f.IndicatorId, f.PeriodFrom, f.PeriodTo, f.AreaCode }).IsUnique();
    }
}
