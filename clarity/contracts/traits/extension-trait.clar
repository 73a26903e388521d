;; DAO extension trait (ExecutorDAO style).
;;
;; Extensions are contracts enabled in dao-core (`set-extension`, by the DAO):
;; they may call dao-core `execute` and every "DAO or extension" function of
;; the other DAO contracts (mint, treasury transfers, parameters). dao-core
;; `request-extension-callback` calls an enabled extension's `callback` on its
;; own request, from dao-core's context, so an extension can receive a call
;; whose contract-caller is dao-core.
;;
;; Trait arguments are checked structurally: a contract with this exact
;; signature can be passed without declaring `impl-trait`.

(define-trait extension-trait
  (
    ;; Called by dao-core with the account that requested it (tx-sender of
    ;; the request) and the extension's own memo.
    (callback (principal (buff 34)) (response bool uint))
  )
)
