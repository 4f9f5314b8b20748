using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>indicators.md §5: access and engagement, and referral sources.</summary>
public static class Access
{
    /// <summary>Channels that count as digital contact: every channel but face to face.</summary>
    public static bool IsDigital(ContactChannel channel) => channel != ContactChannel.FaceToFace;

    public static async Task<IReadOnlyList<Figure>> ComputeAsync(IndicatorConnection db, IndicatorSql sql, CancellationToken cancel)
    {
        var rehab = Codes<InterventionType>.Code(InterventionType.ResidentialRehab);
        // Contacts are counted when their episode is among the adult episodes, a set tested by membership rather than a join:
        // SQLite then builds the set once instead of looking up each contact's episode (at 300,000 people, 1.0 s against 1.9 s).
        var text = $"""
            {sql.EpisodesAsOf()}
            SELECT 'contact' AS kind, c."Channel", CASE WHEN c."Attended" = TRUE THEN 1 ELSE 0 END, COUNT(*)
            FROM "Contacts" c
            WHERE c."EpisodeId" IN (SELECT id FROM adult) AND c."Date" >= @from AND c."Date" <= @to AND c."Date" <= @asof
            GROUP BY c."Channel", CASE WHEN c."Attended" = TRUE THEN 1 ELSE 0 END
            UNION ALL
            SELECT 'source', a.source, 0, COUNT(*) FROM adult a
            WHERE {sql.NoIndex("a.referral")} >= @from AND {sql.NoIndex("a.referral")} <= @to GROUP BY a.source
            UNION ALL
            SELECT 'rehab', '', 0, COUNT(DISTINCT a.person)
            FROM "Interventions" i JOIN adult a ON a.id = i."EpisodeId"
            WHERE i."Type" = '{rehab}' AND i."StartDate" >= @from AND i."StartDate" <= @to AND i."StartDate" <= @asof
            """;
        var attended = new Dictionary<ContactChannel, long>();
        long missed = 0, residential = 0;
        var sources = new Dictionary<ReferralSource, long>();
        await sql.ReadAsync(db, text, row =>
        {
            var count = IndicatorSql.Long(row, 3);
            switch (row.GetString(0))
            {
                case "contact" when IndicatorSql.Long(row, 2) == 1:
                    var channel = Codes<ContactChannel>.Parse(row.GetString(1));
                    attended[channel] = attended.GetValueOrDefault(channel) + count;
                    break;
                case "contact": missed += count; break;
                case "source": sources[Codes<ReferralSource>.Parse(row.GetString(1))] = count; break;
                case "rehab": residential = count; break;
            }
        }, cancel);

        var allAttended = attended.Values.Sum();
        return
        [
            Figure.Rate("access.digital_contacts", attended.Where(a => IsDigital(a.Key)).Sum(a => a.Value), allAttended),
            Figure.Count("access.online_self_referrals", sources.GetValueOrDefault(ReferralSource.OnlineSelf)),
            Figure.Rate("access.dna_rate", missed, allAttended + missed),
            Figure.Count("access.residential_rehab", residential),
            .. Enum.GetValues<ContactChannel>().Select(c => Figure.Count($"access.channel.{Codes<ContactChannel>.Code(c)}", attended.GetValueOrDefault(c))),
            .. Enum.GetValues<ReferralSource>().Select(s => Figure.Count($"referral_source.{Codes<ReferralSource>.Code(s)}", sources.GetValueOrDefault(s))),
        ];
    }
}
