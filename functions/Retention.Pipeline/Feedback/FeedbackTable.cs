using Azure;
using Azure.Data.Tables;
using Retention.Core.Feedback;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Feedback;

/// <summary>
/// The <c>feedback</c> table: PartitionKey = shop, RowKey = escaped survey-answer id, one row per answer. A shop's
/// answers are one partition (surveys are small next to orders); storing an answer id again replaces its row with
/// the same content, which makes redelivery harmless.
/// </summary>
public sealed class FeedbackTable(RetentionStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.FeedbackTable);

    public async Task UpsertAsync(FeedbackResponse answer, CancellationToken cancellationToken)
    {
        var row = new TableEntity(answer.ShopId, TableKey.Escape(answer.AnswerId))
        {
            ["AnswerId"] = answer.AnswerId,
            ["SurveyId"] = answer.SurveyId,
            ["CustomerKey"] = answer.CustomerKey,
            ["Kind"] = answer.Kind.ToString(),
            ["Score"] = answer.Score,
            ["Comment"] = answer.Comment,
            ["Reason"] = answer.Reason?.ToString(),
            ["ReasonText"] = answer.ReasonText,
            ["SubmittedAt"] = answer.SubmittedAt.ToUniversalTime(),
            ["SourceEventId"] = answer.SourceEventId,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Deletes one answer, comment and free-text reason included (a customer's erasure).</summary>
    /// <returns>true when a row was deleted.</returns>
    public async Task<bool> DeleteAsync(string shopId, string answerId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.DeleteEntityAsync(shopId, TableKey.Escape(answerId), ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<FeedbackResponse>> ReadShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var answers = new List<FeedbackResponse>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken))
            answers.Add(new FeedbackResponse(
                shopId,
                row.GetString("AnswerId"),
                row.GetString("SurveyId"),
                row.GetString("CustomerKey"),
                Enum.Parse<FeedbackKind>(row.GetString("Kind")),
                row.GetInt32("Score") ?? 0,
                row.GetString("Comment"),
                row.GetString("Reason") is { } reason ? Enum.Parse<ReasonForLeaving>(reason) : null,
                row.GetString("ReasonText"),
                row.GetDateTimeOffset("SubmittedAt")!.Value,
                row.GetString("SourceEventId")));
        return [.. answers.OrderBy(a => a.AnswerId, StringComparer.Ordinal)];
    }
}
