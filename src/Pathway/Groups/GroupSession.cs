using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;

namespace Pathway.Groups;

public enum GroupType { PsychosocialGroup, MutualAidMeeting, Other }

/// <summary>A group session for clients held by a provider: a psychosocial group, a mutual-aid meeting on site (SMART Recovery, AA/NA) or another group.</summary>
public class GroupSession
{
    public int Id { get; set; }
    public required string ProviderCode { get; set; }
    public GroupType Type { get; set; }
    public required string Title { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly? Time { get; set; }
    public required string Facilitator { get; set; }
    public List<GroupAttendance> Register { get; set; } = [];
}

/// <summary>
/// One client on a session's register, marked attended or did not attend. The mark is one contact of the client's episode
/// (kind: group), made, changed and removed with it, so a session is counted once per client whatever is re-marked.
/// </summary>
public class GroupAttendance
{
    public int Id { get; set; }
    public int GroupSessionId { get; set; }
    public GroupSession GroupSession { get; set; } = null!;
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public bool Attended { get; set; }
    public int ContactId { get; set; }
    public Contact Contact { get; set; } = null!;
}

/// <summary>A group session's rules, once: the form phrases them after its label, the database keeps the same limits.</summary>
public static class GroupRules
{
    public const int TitleLength = 200;
    public const int FacilitatorLength = 200;

    public static string? Length(string text, int max) => text.Length > max
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be {max:N0} characters or fewer (this one has {text.Length:N0})")
        : null;
}

public class GroupSessionConfiguration : IEntityTypeConfiguration<GroupSession>
{
    public void Configure(EntityTypeBuilder<GroupSession> session)
    {
        session.Property(s => s.ProviderCode).HasMaxLength(20);
        session.Property(s => s.Type).HasConversion<string>().HasMaxLength(40);
        session.Property(s => s.Title).HasMaxLength(GroupRules.TitleLength);
        session.Property(s => s.Facilitator).HasMaxLength(GroupRules.FacilitatorLength);
        session.HasMany(s => s.Register).WithOne(a => a.GroupSession).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => new { s.ProviderCode, s.Date });
    }
}

public class GroupAttendanceConfiguration : IEntityTypeConfiguration<GroupAttendance>
{
    public void Configure(EntityTypeBuilder<GroupAttendance> attendance)
    {
        attendance.HasOne(a => a.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        // The contact goes when the mark is removed (in code, with the history); a contact deleted otherwise takes its mark with it.
        attendance.HasOne(a => a.Contact).WithMany().OnDelete(DeleteBehavior.Cascade);
        attendance.HasIndex(a => new { a.GroupSessionId, a.EpisodeId }).IsUnique();
        attendance.HasIndex(a => a.EpisodeId);
        attendance.HasIndex(a => a.ContactId).IsUnique();
    }
}
