using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Access.Audit;

public static class AuditActions
{
    public const string View = "view";
    public const string Search = "search";
    public const string Export = "export";
    public const string Change = "change";
    public const string SignIn = "sign-in";
    public const string Refused = "refused";
    /// <summary>An administrator made a password reset link for someone (the link itself is never recorded).</summary>
    public const string ResetLinkMade = "reset-link-made";
    /// <summary>Someone set a new password with a reset link.</summary>
    public const string PasswordReset = "password-reset";
    /// <summary>Someone changed their own password, giving the current one.</summary>
    public const string PasswordChanged = "password-changed";
}

public static class AuditOutcomes
{
    public const string Allowed = "allowed";
    public const string Refused = "refused";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>The password was right; the sign-in waits for the authenticator code.</summary>
    public const string SecondFactorNeeded = "second-factor-needed";
}

/// <summary>
/// One access to or change of a record, or one sign-in attempt (ASVS V16). Append-only: the application
/// has no path that updates or deletes one, and <see cref="AuditAppendOnly"/> refuses any that tries.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    /// <summary>The provider the user acted for, as it was then: a provider's managers read their own staff's looks.</summary>
    public string? ActorProvider { get; set; }
    public required string Action { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public int? PersonId { get; set; }
    public required string Outcome { get; set; }
    public string? Address { get; set; }
    public string? RequestId { get; set; }
    public string? Path { get; set; }
}

public class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.Property(a => a.UserId).HasMaxLength(450);
        audit.Property(a => a.UserName).HasMaxLength(256);
        audit.Property(a => a.ActorProvider).HasMaxLength(20);
        audit.Property(a => a.Action).HasMaxLength(20);
        audit.Property(a => a.RecordType).HasMaxLength(40);
        audit.Property(a => a.RecordId).HasMaxLength(40);
        audit.Property(a => a.Outcome).HasMaxLength(20);
        audit.Property(a => a.Address).HasMaxLength(64);
        audit.Property(a => a.RequestId).HasMaxLength(64);
        audit.Property(a => a.Path).HasMaxLength(400);
        // "Who looked at this person's record?" and "what did this user do?"
        audit.HasIndex(a => new { a.PersonId, a.Id });
        audit.HasIndex(a => new { a.RecordType, a.RecordId });
        audit.HasIndex(a => new { a.UserId, a.Id });
    }
}
