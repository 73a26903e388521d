// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ICreatorPool
 * @notice A constant-product (x·y = k) pool between one creator coin and the base token (a
 * stablecoin), with its own ERC-20 LP token. Callers trade directly (no router): input tokens are
 * pulled with `transferFrom` from `msg.sender`, so approve the pool first.
 *
 * Reserves are internal accounting, not `balanceOf`: tokens sent to the pool without a call
 * (donations) are ignored, which, with `MINIMUM_LIQUIDITY` LP burnt at the first deposit, defeats the
 * first-depositor (share inflation) attack. Fee-on-transfer tokens are refused by balance delta.
 *
 * Fees: `swapFeeBps` of every input (default 30) stays with liquidity providers, except
 * `protocolShareBps` of that fee (default 1667, about 1/6 like Uniswap V2's fee switch) which is
 * set aside for the fee recipient (the FeeSplitter) and paid by `collectProtocolFees()`.
 *
 * Protections, governed per pool by DEFAULT_ADMIN_ROLE (the multisig); a zero value disables each:
 * - `dailyVolumeLimit`: per trading address (`msg.sender`), total swap volume per UTC day, valued in
 *   base token (the base-token side of each swap). Resets when `block.timestamp / 1 days` changes.
 * - `cooldown`: seconds between two swaps of the same address (the next is allowed at exactly
 *   `lastTradeAt + cooldown`).
 * - `maxPriceImpactBps`: cap on one trade's price impact, `1 - (execution price without fee / spot
 *   price)`, rounded up, i.e. `amountInAfterFee / (reserveIn + amountInAfterFee)`.
 * - Circuit breaker (`maxPriceMoveBps`, `breakerWindow`, `coolOff`): the first swap when no window
 *   is open (or after the last one ended) opens a window of `breakerWindow` seconds and records the
 *   spot price before it as the reference. A swap whose resulting spot price (base per coin) differs
 *   from the reference by more than `maxPriceMoveBps` (compared exactly; a move of exactly the bound
 *   does not trip) EXECUTES and TRIPS the breaker: `haltedUntil = now + coolOff`, the window closes,
 *   `CircuitBreakerTripped` is emitted. Why execute rather than refuse: a revert cannot persist a halt
 *   (EVM atomicity), and the tripping trade's own size is already bounded by `maxPriceImpactBps`.
 *   While halted (`block.timestamp < haltedUntil`) every swap reverts `PoolHalted`; the first swap
 *   allowed again is at exactly `haltedUntil` (auto-resume), and it opens a new window at the then
 *   price. `resume()` by the admin ends a halt early; `halt()` by the admin halts for `coolOff`
 *   (until `resume()` when `coolOff` is 0). With the breaker on, `breakerWindow` and `coolOff` must
 *   both be non-zero. Switching the breaker on (`setParams` from a zero bound) closes any window
 *   left from before, so moves made while it was off never trip it; other parameter changes keep
 *   the open window and its reference.
 *   Liquidity can always be added or removed, halted or not (LPs may exit); deposits take the pool's
 *   ratio as it is, so set `minCoin`/`minBase` from a price you trust, not from the pool alone.
 * Per-address limits are sybil-prone (one person, many addresses): they slow bots and fat fingers,
 * they are not a hard cap. They follow `msg.sender`, never `to`: a contract trading for many users
 * (a router, an aggregator, a relayer) shares one cooldown and one daily budget among them, so one
 * user's trade can delay the others (there is no exemption list: such integrations should have each
 * user call the pool directly, or the multisig relaxes the limits). One storage slot per address
 * holds the protection state.
 *
 * First deposit (LP supply 0): only the coin's creator (`ICreatorCoin(coin).creator()`) may make
 * it, at any ratio: that ratio is the pool's opening price. Why: a holder depositing first at an
 * absurd ratio with tiny amounts would make the creator's deposit fail its minimums and the
 * price-impact cap refuse every repairing swap, leaving only the multisig able to recover the pool.
 * Everyone else deposits at the pool's ratio once the creator has seeded it.
 */
interface ICreatorPool {
    /// @notice A pool's governed parameters (a zero protection value disables that protection).
    struct PoolParams {
        uint16 swapFeeBps; // fee on every swap input, basis points (at most MAX_SWAP_FEE_BPS)
        uint16 protocolShareBps; // part of the fee for the fee recipient, basis points of the fee
        uint128 dailyVolumeLimit; // per address per UTC day, in base-token units; 0 = unlimited
        uint32 cooldown; // seconds between two swaps of one address; 0 = none
        uint16 maxPriceMoveBps; // circuit breaker bound vs the window's reference price; 0 = off
        uint32 breakerWindow; // circuit breaker window, seconds (must be > 0 when the bound is on)
        // Length of a breaker trip or admin halt, seconds; > 0 when the bound is on; 0 (breaker off):
        // halt() lasts until resume().
        uint32 coolOff;
        uint16 maxPriceImpactBps; // cap on one trade's price impact, basis points; 0 = no cap
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice Liquidity was added.
    /// @param provider who paid the tokens.
    /// @param to who received the LP tokens.
    /// @param amountCoin coin deposited.
    /// @param amountBase base token deposited.
    /// @param liquidity LP tokens minted to `to`.
    event LiquidityAdded(
        address indexed provider, address indexed to, uint256 amountCoin, uint256 amountBase, uint256 liquidity
    );

    /// @notice Liquidity was removed.
    /// @param provider whose LP tokens were burnt.
    /// @param to who received the tokens.
    /// @param amountCoin coin paid out.
    /// @param amountBase base token paid out.
    /// @param liquidity LP tokens burnt.
    event LiquidityRemoved(
        address indexed provider, address indexed to, uint256 amountCoin, uint256 amountBase, uint256 liquidity
    );

    /// @notice A swap was executed.
    /// @param trader who paid the input (`msg.sender`).
    /// @param to who received the output.
    /// @param tokenIn the input token (coin or base); the output is the other one.
    /// @param amountIn input paid, fee included.
    /// @param amountOut output paid.
    /// @param protocolFee part of the input set aside for the fee recipient.
    event Swapped(
        address indexed trader,
        address indexed to,
        address indexed tokenIn,
        uint256 amountIn,
        uint256 amountOut,
        uint256 protocolFee
    );

    /// @notice Accrued protocol fees were paid to the fee recipient.
    /// @param recipient the fee recipient.
    /// @param amountCoin coin paid.
    /// @param amountBase base token paid.
    event ProtocolFeesCollected(address indexed recipient, uint256 amountCoin, uint256 amountBase);

    /// @notice The parameters changed (also emitted at deployment).
    /// @param params the new parameters.
    event ParamsUpdated(PoolParams params);

    /// @notice The fee recipient changed (also emitted at deployment).
    /// @param previousRecipient before.
    /// @param newRecipient now.
    event FeeRecipientUpdated(address indexed previousRecipient, address indexed newRecipient);

    /// @notice The admin halted swaps.
    /// @param by the admin.
    /// @param until unix seconds swaps resume on their own (type(uint40).max: until resume()).
    event Halted(address indexed by, uint40 until);

    /// @notice The admin resumed swaps before the halt (admin or breaker) ended.
    /// @param by the admin.
    event Resumed(address indexed by);

    /// @notice A swap moved the spot price beyond the circuit-breaker bound: it executed, and swaps
    /// are halted until `haltedUntil` (the breaker window closed; the next swap opens a new one).
    /// @param referencePrice the window's reference spot price, base per coin as UQ112x112.
    /// @param price the spot price after the tripping swap, same unit.
    /// @param moveBps the move, basis points rounded up (above the bound).
    /// @param haltedUntil unix seconds swaps resume on their own (now + coolOff).
    event CircuitBreakerTripped(uint224 referencePrice, uint224 price, uint256 moveBps, uint40 haltedUntil);

    /// @notice A new circuit-breaker window opened.
    /// @param windowStart unix seconds it opened.
    /// @param referencePrice the spot price before the opening swap, base per coin as UQ112x112.
    event BreakerWindowOpened(uint32 windowStart, uint224 referencePrice);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice A constructor address or fee recipient is zero. Debug: check the deployment arguments.
    error ZeroAddress();

    /// @notice The coin and the base token are the same token. Debug: check the factory's arguments.
    error IdenticalTokens();

    /// @notice Parameters out of range: fee above MAX_SWAP_FEE_BPS, the protocol share or the impact
    /// cap above 10_000 bps, or a breaker bound with a zero `breakerWindow` or a zero `coolOff` (a trip
    /// would never end on its own). Debug: compare `params` with those limits.
    error InvalidParams();

    /// @notice The deadline passed before the transaction was mined. Debug: the transaction waited in
    /// the mempool too long; resubmit with a later deadline (it is unix seconds, not milliseconds).
    /// @param deadline the caller's deadline.
    error Expired(uint256 deadline);

    /// @notice An amount (input, output, LP or desired deposit) is zero. Debug: check the call's amounts.
    error ZeroAmount();

    /// @notice `tokenIn` is neither the coin nor the base token. Debug: pass `coin()` or `baseToken()`.
    /// @param token the address given.
    error InvalidToken(address token);

    /// @notice The swap would pay less than `minOut` (price moved, e.g. a sandwich). Debug: re-quote
    /// with `getAmountOut`; raise slippage tolerance only knowingly.
    /// @param amountOut what the swap would pay.
    /// @param minOut the caller's minimum.
    error InsufficientOutput(uint256 amountOut, uint256 minOut);

    /// @notice The exact-out swap would cost more than `maxIn`. Debug: re-quote with `getAmountIn`.
    /// @param amountIn what the swap would cost.
    /// @param maxIn the caller's maximum.
    error ExcessiveInput(uint256 amountIn, uint256 maxIn);

    /// @notice The pool has no liquidity, or an exact-out swap asks for the whole reserve or more.
    /// Debug: `getReserves()`.
    error InsufficientLiquidity();

    /// @notice The deposit would mint zero LP tokens (first deposit: sqrt(coin·base) must exceed
    /// MINIMUM_LIQUIDITY). Debug: deposit more.
    error InsufficientLiquidityMinted();

    /// @notice Burning these LP tokens would pay out zero of a token. Debug: remove more liquidity.
    error InsufficientLiquidityBurned();

    /// @notice The coin amount deposited or paid out is below the caller's minimum. Debug: the pool
    /// ratio moved since the quote; re-quote from `getReserves()`.
    /// @param amount the amount.
    /// @param minAmount the caller's minimum.
    error InsufficientCoinAmount(uint256 amount, uint256 minAmount);

    /// @notice The base-token amount deposited or paid out is below the caller's minimum. Debug: as
    /// for InsufficientCoinAmount.
    /// @param amount the amount.
    /// @param minAmount the caller's minimum.
    error InsufficientBaseAmount(uint256 amount, uint256 minAmount);

    /// @notice The pool received less than the amount pulled (a fee-on-transfer or rebasing token).
    /// Debug: such tokens are not supported; compare `expected` and `received`.
    /// @param token the token.
    /// @param expected the amount pulled.
    /// @param received the pool's balance increase.
    error TransferAmountMismatch(address token, uint256 expected, uint256 received);

    /// @notice Only the coin's creator may make a pool's first deposit (LP supply 0): it sets the
    /// opening price, and a first deposit at an absurd ratio by anyone else would grief the pool (the
    /// creator's deposit then fails its minimums and the price-impact cap refuses every repairing
    /// swap). Debug: `totalSupply()` is 0; the creator seeds the pool first, at the price they
    /// choose (call from `creator`, the coin's `creator()`); anyone else waits for that deposit and
    /// then adds at the pool's ratio.
    /// @param caller who tried (`msg.sender`).
    /// @param creator the coin's creator, the only account allowed.
    error FirstDepositNotCreator(address caller, address creator);

    /// @notice A reserve would exceed type(uint112).max. Debug: the amounts are absurdly large.
    error ReserveOverflow();

    /// @notice Swaps are halted, by the circuit breaker (a `CircuitBreakerTripped` event) or by the
    /// admin (`Halted`): a safety pause after a sharp price move. Debug: `haltedUntil()`; swaps are
    /// allowed again at exactly `until` (block time), or earlier when the multisig calls `resume()`.
    /// Liquidity can still be added or removed.
    /// @param until unix seconds swaps resume on their own (type(uint40).max: until resume()).
    error PoolHalted(uint40 until);

    /// @notice The trader already swapped `used` (base-token value) today and this swap would pass
    /// the daily limit. Debug: `protectionOf(account)`; the limit resets at 00:00 UTC.
    /// @param account the trader.
    /// @param used volume already used today, before this swap.
    /// @param limit the daily limit.
    error DailyLimitExceeded(address account, uint256 used, uint256 limit);

    /// @notice The trader swapped too recently. Debug: retry at `readyAt` (unix seconds).
    /// @param account the trader.
    /// @param readyAt the first second the trader may swap again.
    error CooldownActive(address account, uint256 readyAt);

    /// @notice The trade's price impact exceeds the cap. Debug: split the trade or trade less.
    /// @param impactBps the trade's impact, basis points rounded up.
    /// @param maxBps the cap.
    error PriceImpactTooHigh(uint256 impactBps, uint256 maxBps);

    // ───────────────────────────── liquidity ─────────────────────────────

    /// @notice Add liquidity at the pool's ratio, pulling the tokens from `msg.sender`. The first
    /// deposit (LP supply 0) may only be made by the coin's creator, at any ratio (it sets the opening
    /// price; anyone else reverts `FirstDepositNotCreator`).
    /// @param amountCoinDesired coin the caller is willing to deposit.
    /// @param amountBaseDesired base token the caller is willing to deposit.
    /// @param minCoin least coin to deposit (slippage bound).
    /// @param minBase least base token to deposit (slippage bound).
    /// @param to receiver of the LP tokens.
    /// @param deadline unix seconds after which the call reverts.
    /// @return amountCoin coin deposited.
    /// @return amountBase base token deposited.
    /// @return liquidity LP tokens minted.
    function addLiquidity(
        uint256 amountCoinDesired,
        uint256 amountBaseDesired,
        uint256 minCoin,
        uint256 minBase,
        address to,
        uint256 deadline
    ) external returns (uint256 amountCoin, uint256 amountBase, uint256 liquidity);

    /// @notice Burn `liquidity` of the caller's LP tokens for its share of both reserves.
    /// @param liquidity LP tokens to burn.
    /// @param minCoin least coin to receive.
    /// @param minBase least base token to receive.
    /// @param to receiver of the tokens.
    /// @param deadline unix seconds after which the call reverts.
    /// @return amountCoin coin paid.
    /// @return amountBase base token paid.
    function removeLiquidity(uint256 liquidity, uint256 minCoin, uint256 minBase, address to, uint256 deadline)
        external
        returns (uint256 amountCoin, uint256 amountBase);

    // ───────────────────────────── swaps ─────────────────────────────

    /// @notice Swap exactly `amountIn` of `tokenIn` (pulled from `msg.sender`) for the other token.
    /// @param tokenIn the coin or the base token.
    /// @param amountIn input, fee included.
    /// @param minOut least output (slippage bound, the sandwich defence).
    /// @param to receiver of the output.
    /// @param deadline unix seconds after which the call reverts.
    /// @return amountOut output paid.
    function swapExactIn(address tokenIn, uint256 amountIn, uint256 minOut, address to, uint256 deadline)
        external
        returns (uint256 amountOut);

    /// @notice Swap at most `maxIn` of `tokenIn` (pulled from `msg.sender`) for exactly `amountOut`
    /// of the other token.
    /// @param tokenIn the coin or the base token.
    /// @param amountOut output wanted.
    /// @param maxIn most input, fee included.
    /// @param to receiver of the output.
    /// @param deadline unix seconds after which the call reverts.
    /// @return amountIn input paid.
    function swapExactOut(address tokenIn, uint256 amountOut, uint256 maxIn, address to, uint256 deadline)
        external
        returns (uint256 amountIn);

    /// @notice Pay the accrued protocol fees to the fee recipient. Anyone may call.
    /// @return amountCoin coin paid.
    /// @return amountBase base token paid.
    function collectProtocolFees() external returns (uint256 amountCoin, uint256 amountBase);

    // ───────────────────────────── governance ─────────────────────────────

    /// @notice Replace the parameters. DEFAULT_ADMIN_ROLE.
    /// @param params the new parameters.
    function setParams(PoolParams calldata params) external;

    /// @notice Change the fee recipient. DEFAULT_ADMIN_ROLE.
    /// @param recipient the new recipient.
    function setFeeRecipient(address recipient) external;

    /// @notice Halt swaps for `coolOff` seconds (until resume() when `coolOff` is 0). DEFAULT_ADMIN_ROLE.
    /// Emits `Halted`.
    function halt() external;

    /// @notice End a halt (admin halt or breaker trip) now. DEFAULT_ADMIN_ROLE. Emits `Resumed`.
    function resume() external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The creator coin.
    /// @return the coin's address.
    function coin() external view returns (address);

    /// @notice The base token.
    /// @return the base token's address.
    function baseToken() external view returns (address);

    /// @notice The fee recipient.
    /// @return the recipient.
    function feeRecipient() external view returns (address);

    /// @notice The current parameters.
    /// @return the parameters.
    function params() external view returns (PoolParams memory);

    /// @notice The reserves and the timestamp of their last update.
    /// @return reserveCoin coin reserve.
    /// @return reserveBase base-token reserve.
    /// @return blockTimestampLast unix seconds (mod 2^32) of the last update.
    function getReserves() external view returns (uint112 reserveCoin, uint112 reserveBase, uint32 blockTimestampLast);

    /// @notice Protocol fees accrued and not yet collected.
    /// @return amountCoin coin.
    /// @return amountBase base token.
    function protocolFeesAccrued() external view returns (uint128 amountCoin, uint128 amountBase);

    /// @notice An address's protection state.
    /// @param account the trader.
    /// @return lastTradeAt unix seconds of its last swap (0: never).
    /// @return day the UTC day (`timestamp / 1 days`) `volume` counts.
    /// @return volume base-token volume swapped that day.
    function protectionOf(address account) external view returns (uint40 lastTradeAt, uint32 day, uint128 volume);

    /// @notice The circuit breaker's current window.
    /// @return windowStart unix seconds it opened (0: none open, e.g. never or just tripped).
    /// @return referencePrice spot price when it opened, base per coin as UQ112x112.
    function breakerState() external view returns (uint32 windowStart, uint224 referencePrice);

    /// @notice Unix seconds until which swaps are halted (0 or not after now: not halted; a swap at
    /// exactly this second is allowed).
    /// @return until the time.
    function haltedUntil() external view returns (uint40 until);

    /// @notice Output of an exact-in swap at the current reserves and fee (protections not checked).
    /// @param tokenIn the input token.
    /// @param amountIn input, fee included.
    /// @return amountOut the output.
    function getAmountOut(address tokenIn, uint256 amountIn) external view returns (uint256 amountOut);

    /// @notice Input of an exact-out swap at the current reserves and fee (protections not checked).
    /// @param tokenIn the input token.
    /// @param amountOut the output wanted.
    /// @return amountIn the input, fee included.
    function getAmountIn(address tokenIn, uint256 amountOut) external view returns (uint256 amountIn);
}
