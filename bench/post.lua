-- wrk script: POST the realistic profile of docs/performance.md (an enterprise with payment,
-- several locations, weekly content, push) to /api/v1/recommendations.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"entityType":"ENTERPRISE","wantsPayment":true,"offlinePresence":"MULTIPLE_LOCATIONS","contentCadence":"WEEKLY","goals":["SELL_PRODUCTS","BOOKINGS"],"industry":"CATERING","needsProactivePush":true,"externalId":"lead-4711"}]]
