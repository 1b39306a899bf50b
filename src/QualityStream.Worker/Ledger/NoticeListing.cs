using QualityStream.Core.Notices;

namespace QualityStream.Worker.Ledger;

/// <summary><c>GET /api/notices</c>: newest first.</summary>
public sealed record NoticeListing(IReadOnlyList<BuyerNotice> Notices);
