/*
 * WeChat presence advisor: the snippet for agencies' pages.
 *
 *   <div data-wechat-advisor data-external-id="lead-4711"></div>
 *   <script src="https://ADVISOR-HOST/embed.js" data-lang="zh-CN" async></script>
 *
 * Puts an <iframe> with ADVISOR-HOST/embed into every element with the data-wechat-advisor
 * attribute (or those matching the script's data-target selector; with none, into a new element
 * right after the script), sizes it to its content, and fires on that element:
 *   wechat-advisor:result  detail = { externalId, answer }   the API's whole answer
 *   wechat-advisor:error   detail = { externalId, problem }  the API's problem (application/problem+json)
 * Both bubble, so a lead form can listen on itself or on document.
 *
 * Data attributes, on the element (or on the script, for every element):
 *   data-lang                 en or zh-CN
 *   data-entity-type, data-wants-payment, data-offline-presence, data-content-cadence, data-goals
 *   (comma-separated), data-industry, data-needs-proactive-push, data-needs-moments-sharing,
 *   data-needs-back-office-integration, data-needs-native-device-features, data-high-interactivity,
 *   data-validating-new-idea, data-plans-mini-games-or-ads
 *                             prefill, with the API's values (ENTERPRISE, true, SELL_PRODUCTS …)
 *   data-external-id          your lead id: sent with the profile and given back in the events
 *   data-tenant               your tenant id (public): the answers are yours, and only your tenant's
 *                             allowedOrigins may frame the page
 *   data-submit="true"        ask straight away
 *   data-accent, data-background, data-text (#rgb or #rrggbb), data-font (system, sans, serif,
 *   rounded, mono)            theme; a colour that would fail WCAG AA contrast is ignored
 * The advisor page checks every value; an unknown one is ignored.
 *
 * Attribution, by itself: the host page's address (without its #fragment), its referrer and its
 * utm_source, utm_medium, utm_campaign, utm_term and utm_content parameters go with the profile as
 * its context, and are stored with the decision.
 */
(function () {
  'use strict';

  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  if (!script || !script.src) {
    return;
  }
  var origin = new URL(script.src, window.location.href).origin;
  var PARAMS = ['lang', 'entityType', 'wantsPayment', 'offlinePresence', 'contentCadence', 'goals', 'industry',
    'needsProactivePush', 'needsMomentsSharing', 'needsBackOfficeIntegration', 'needsNativeDeviceFeatures',
    'highInteractivity', 'validatingNewIdea', 'plansMiniGamesOrAds', 'externalId', 'submit', 'accent', 'background',
    'text', 'font', 'tenant'];
  var UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];
  var INITIAL_HEIGHT = 640;
  var MAX_HEIGHT = 20000;
  var frames = [];

  function valueFor(target, name) {
    var own = target.dataset[name];
    return own !== undefined ? own : script.dataset[name];
  }

  function mount(target) {
    if (target.getAttribute('data-wechat-advisor-mounted') === 'true') {
      return;
    }
    target.setAttribute('data-wechat-advisor-mounted', 'true');
    var query = new URLSearchParams();
    PARAMS.forEach(function (name) {
      var value = valueFor(target, name);
      if (value !== undefined && value !== '') {
        query.set(name, value);
      }
    });
    var page = window.location.href.split('#')[0];
    if (/^https?:\/\//.test(page)) {
      query.set('pageUri', page.slice(0, 2048));
    }
    if (/^https?:\/\//.test(document.referrer)) {
      query.set('referrer', document.referrer.slice(0, 2048));
    }
    var hostParams = new URLSearchParams(window.location.search);
    UTM.forEach(function (name) {
      var value = hostParams.get(name);
      if (value) {
        query.set(name, value.slice(0, 256));
      }
    });
    // The page posts its answer only to this origin; a page opened from a file has none to give.
    if (window.location.origin && window.location.origin !== 'null') {
      query.set('parentOrigin', window.location.origin);
    }
    var chinese = /^zh/i.test(query.get('lang') || '');
    var iframe = document.createElement('iframe');
    iframe.src = origin + '/embed?' + query.toString();
    iframe.title = chinese ? '微信账号选型顾问' : 'WeChat presence advisor';
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
    iframe.setAttribute('data-wechat-advisor-frame', '');
    iframe.style.display = 'block';
    iframe.style.width = '100%';
    iframe.style.maxWidth = '100%';
    iframe.style.border = '0';
    iframe.style.height = INITIAL_HEIGHT + 'px';
    target.appendChild(iframe);
    frames.push({ iframe: iframe, target: target, externalId: query.get('externalId') });
  }

  function frameOf(source) {
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe.contentWindow === source) {
        return frames[i];
      }
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) {
      return;
    }
    var frame = frameOf(event.source);
    var data = event.data;
    if (!frame || !data || typeof data !== 'object') {
      return;
    }
    if (data.type === 'wechat-advisor:height') {
      var height = Math.round(Number(data.height));
      if (isFinite(height) && height > 0) {
        frame.iframe.style.height = Math.min(height, MAX_HEIGHT) + 'px';
      }
    } else if (data.type === 'wechat-advisor:result' && data.answer && typeof data.answer === 'object') {
      frame.target.dispatchEvent(new CustomEvent('wechat-advisor:result', {
        bubbles: true,
        detail: { externalId: data.externalId !== undefined ? data.externalId : frame.externalId, answer: data.answer }
      }));
    } else if (data.type === 'wechat-advisor:error' && data.problem && typeof data.problem === 'object') {
      frame.target.dispatchEvent(new CustomEvent('wechat-advisor:error', {
        bubbles: true,
        detail: { externalId: data.externalId !== undefined ? data.externalId : frame.externalId, problem: data.problem }
      }));
    }
  });

  function start() {
    var selector = script.getAttribute('data-target') || '[data-wechat-advisor]';
    var targets = Array.prototype.slice.call(document.querySelectorAll(selector));
    if (!targets.length) {
      var created = document.createElement('div');
      created.setAttribute('data-wechat-advisor', '');
      if (script.parentNode && script.parentNode !== document.head) {
        script.parentNode.insertBefore(created, script.nextSibling);
      } else {
        document.body.appendChild(created);
      }
      targets = [created];
    }
    targets.forEach(mount);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
