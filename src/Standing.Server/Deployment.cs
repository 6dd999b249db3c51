namespace Standing.Server;

/// <summary>
/// The deployment the server runs on, for what is not one request's: the API keys, the sessions, the
/// background backtests. Its <see cref="Default"/> access is the default marketplace's store;
/// requests get their own marketplace's access (<see cref="StoreAccess.ForRequest"/>).
/// </summary>
public sealed record Deployment(StoreAccess Default);
