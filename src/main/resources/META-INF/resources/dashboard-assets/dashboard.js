/*
 * The insight dashboard (/dashboard): GET /api/v1/analytics drawn as SVG charts, in en or zh-CN.
 *
 * No chart library: each chart is a few SVG rectangles and texts made here with createElementNS and
 * textContent, coloured by CSS classes. Nothing to download or keep up to date, nothing inline (the
 * page's CSP allows scripts and styles from this origin only), and nothing from the answer ever
 * becomes HTML.
 *
 * The key (the admin token or a tenant key) is typed once and kept in sessionStorage: it lives as long
 * as this tab, is sent only to this origin, as Authorization: Bearer, and "Forget the key" drops it.
 * The answer's scope says whose decisions are counted (a tenant key: its own tenant's, always; the
 * admin token: every tenant's), and the page says it above the charts.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var KEY = 'wechatadvisor.dashboard.key';
  var DAY = 86400000;

  var TEXT = {
    en: {
      pageTitle: 'Insight dashboard · WeChat presence advisor',
      title: 'Insight dashboard',
      keyLabel: 'Admin token or tenant key',
      keyOpen: 'Open',
      keyHint: 'Kept in this tab only, sent to this service only.',
      from: 'From',
      to: 'To (inclusive)',
      show: 'Show',
      days: '{0} days',
      forget: 'Forget the key',
      loading: 'Counting the decisions…',
      loaded: 'Updated {0}.',
      refused: 'The key was refused: type it again.',
      failed: 'The analytics could not be loaded ({0}).',
      offline: 'The service could not be reached.',
      totalTitle: 'Decisions',
      period: '{0} to {1} (UTC)',
      scopeAll: 'All tenants (admin token)',
      scopeTenant: 'Tenant: {0}',
      scopeNamed: 'Tenant: {0} ({1})',
      perDay: 'Decisions per day, by primary product',
      byPrimary: 'Primary product',
      unmetNeeds: 'Most frequent unmet needs (what to sell next)',
      entityTypes: 'Entity types',
      channels: 'Channels',
      utmSources: 'utm_source',
      deliveries: 'Webhook delivery health',
      rulesVersions: 'Rules versions over time',
      empty: 'No decisions in this period.',
      noUnmet: 'Every need was covered in this period.',
      noWebhooks: 'No webhooks yet: delivery health appears here once a webhook endpoint exists.',
      latency: 'Latency: median {0} ms, 95th percentile {1} ms',
      others: 'Other sources',
      none: '(none)',
      chartOf: '{0}: {1}',
      'product.SUBSCRIPTION_ACCOUNT': 'Subscription account',
      'product.SERVICE_ACCOUNT': 'Service account',
      'product.ENTERPRISE_ACCOUNT': 'WeCom (enterprise account)',
      'product.MINI_PROGRAM_PERSONAL': 'Mini program (personal)',
      'product.MINI_PROGRAM_ENTERPRISE': 'Mini program (enterprise)',
      'product.MICRO_STORE': 'WeChat store',
      'entityType.INDIVIDUAL': 'Individual',
      'entityType.ENTERPRISE': 'Company',
      'entityType.GOVERNMENT': 'Government body',
      'entityType.MEDIA': 'Media organisation',
      'entityType.OTHER_ORGANIZATION': 'Other organisation',
      'entityType.NOT_RECORDED': 'Not recorded',
      'need.PAYMENT': 'Taking payment',
      'need.FREQUENT_BROADCAST': 'Broadcasting more than 4 times a month',
      'need.PROACTIVE_PUSH': 'Pushing messages to followers',
      'need.MOMENTS_SHARING': 'Sharing straight to Moments',
      'need.BACK_OFFICE_INTEGRATION': 'Back-office integration',
      'need.NEARBY_DISCOVERY': 'Discovery by people nearby',
      'need.INTERNAL_COMMUNICATION': 'Internal communication',
      'need.NATIVE_FEATURES': 'Native device features',
      'channel.API': 'API',
      'channel.BATCH': 'Batch',
      'channel.EMBED': 'Embedded page',
      'delivery.delivered': 'Delivered',
      'delivery.retrying': 'Retrying',
      'delivery.failed': 'Failed'
    },
    'zh-CN': {
      pageTitle: '洞察看板 · 微信账号选型顾问',
      title: '洞察看板',
      keyLabel: '管理令牌或租户密钥',
      keyOpen: '打开',
      keyHint: '只保存在此标签页中，只发送给本服务。',
      from: '开始日期',
      to: '结束日期（含）',
      show: '显示',
      days: '{0} 天',
      forget: '清除密钥',
      loading: '正在统计推荐记录…',
      loaded: '更新于 {0}。',
      refused: '密钥被拒绝，请重新输入。',
      failed: '无法加载统计数据（{0}）。',
      offline: '无法连接到服务。',
      totalTitle: '推荐次数',
      period: '{0} 至 {1}（UTC）',
      scopeAll: '全部租户（管理令牌）',
      scopeTenant: '租户：{0}',
      scopeNamed: '租户：{0}（{1}）',
      perDay: '每日推荐次数（按首选产品）',
      byPrimary: '首选产品',
      unmetNeeds: '最常见的未满足需求（下一步可推荐的服务）',
      entityTypes: '主体类型',
      channels: '渠道',
      utmSources: 'utm_source 来源',
      deliveries: 'Webhook 投递情况',
      rulesVersions: '规则版本随时间变化',
      empty: '此期间没有推荐记录。',
      noUnmet: '此期间所有需求都已满足。',
      noWebhooks: '尚无 Webhook：创建 Webhook 端点后，这里会显示投递情况。',
      latency: '延迟：中位数 {0} 毫秒，95 百分位 {1} 毫秒',
      others: '其他来源',
      none: '（无）',
      chartOf: '{0}：{1}',
      'product.SUBSCRIPTION_ACCOUNT': '订阅号',
      'product.SERVICE_ACCOUNT': '服务号',
      'product.ENTERPRISE_ACCOUNT': '企业微信',
      'product.MINI_PROGRAM_PERSONAL': '个人小程序',
      'product.MINI_PROGRAM_ENTERPRISE': '企业小程序',
      'product.MICRO_STORE': '微信小店',
      'entityType.INDIVIDUAL': '个人',
      'entityType.ENTERPRISE': '企业',
      'entityType.GOVERNMENT': '政府机构',
      'entityType.MEDIA': '媒体',
      'entityType.OTHER_ORGANIZATION': '其他组织',
      'entityType.NOT_RECORDED': '未记录',
      'need.PAYMENT': '收款',
      'need.FREQUENT_BROADCAST': '每月群发超过 4 次',
      'need.PROACTIVE_PUSH': '向粉丝主动推送消息',
      'need.MOMENTS_SHARING': '直接分享到朋友圈',
      'need.BACK_OFFICE_INTEGRATION': '对接后台系统',
      'need.NEARBY_DISCOVERY': '被附近的人发现',
      'need.INTERNAL_COMMUNICATION': '内部沟通',
      'need.NATIVE_FEATURES': '原生设备功能',
      'channel.API': 'API',
      'channel.BATCH': '批量',
      'channel.EMBED': '嵌入页面',
      'delivery.delivered': '已送达',
      'delivery.retrying': '重试中',
      'delivery.failed': '失败'
    }
  };

  var params = new URLSearchParams(window.location.search);
  var lang = pickLanguage(params.get('lang') || navigator.language);
  var numbers = new Intl.NumberFormat(lang);
  var $ = function (id) { return document.getElementById(id); };

  function t(key) {
    var value = TEXT[lang][key] !== undefined ? TEXT[lang][key] : TEXT.en[key];
    if (value === undefined) {
      return key;
    }
    var args = arguments;
    // One pass: a value that holds "{1}" itself is not replaced again.
    return value.replace(/\{(\d)\}/g, function (match, i) {
      return Number(i) + 1 < args.length ? String(args[Number(i) + 1]) : match;
    });
  }

  /** A known enumeration value in words; anything else as it came. */
  function label(prefix, value) {
    return TEXT.en[prefix + '.' + value] !== undefined ? t(prefix + '.' + value) : String(value);
  }

  function pickLanguage(value) {
    var tag = (value || '').toLowerCase();
    return tag === 'zh' || tag.indexOf('zh-') === 0 ? 'zh-CN' : 'en';
  }

  function el(name, attributes, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (a) { node.setAttribute(a, attributes[a]); });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function svg(width, height, title) {
    var root = el('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': title });
    root.appendChild(el('title', {}, title));
    return root;
  }

  function emptyNote(plot, text) {
    var p = document.createElement('p');
    p.className = 'empty';
    p.textContent = text;
    plot.appendChild(p);
  }

  /** A rounded-up axis maximum: 1, 2, 5 × 10^n. */
  function niceMax(value) {
    if (value <= 0) {
      return 1;
    }
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= value) {
        return steps[i] * power;
      }
    }
    return 10 * power;
  }

  /**
   * Horizontal bars, one per entry ({label, value, series}), largest scale first as given. Returns
   * how many bars have a value.
   */
  function bars(plot, title, entries) {
    var labelWidth = 220, barWidth = 180, row = 28, width = labelWidth + barWidth + 50;
    var max = Math.max.apply(null, entries.map(function (e) { return e.value; }).concat([0]));
    var root = svg(width, entries.length * row + 4, title);
    var drawn = 0;
    entries.forEach(function (entry, i) {
      var y = i * row + 4;
      var length = max > 0 ? Math.max(entry.value > 0 ? 2 : 0, Math.round(barWidth * entry.value / max)) : 0;
      root.appendChild(el('text', { x: labelWidth - 8, y: y + 15, 'text-anchor': 'end', class: 'label' },
        entry.label.length > 32 ? entry.label.slice(0, 31) + '…' : entry.label));
      var bar = el('rect', { x: labelWidth, y: y + 3, width: length, height: row - 10, rx: 2,
        class: 'bar series-' + (entry.series || 0), 'data-value': entry.value });
      bar.appendChild(el('title', {}, t('chartOf', entry.label, numbers.format(entry.value))));
      root.appendChild(bar);
      root.appendChild(el('text', { x: labelWidth + length + 6, y: y + 15, class: 'value' }, numbers.format(entry.value)));
      drawn += entry.value > 0 ? 1 : 0;
    });
    root.appendChild(el('line', { x1: labelWidth, x2: labelWidth, y1: 0, y2: entries.length * row + 4, class: 'base' }));
    plot.appendChild(root);
    return drawn;
  }

  /**
   * Days as stacked columns: series (keys in order, each with its label and colour) stacked by each
   * day's counts. Fills the legend; returns how many segments have a value.
   */
  function columns(plot, legend, title, days, series, countsOf) {
    var left = 44, top = 8, height = 200, bottom = 36, width = 960;
    var inner = width - left - 8, slot = inner / Math.max(days.length, 1);
    var max = niceMax(Math.max.apply(null, days.map(function (d) {
      var counts = countsOf(d);
      return Object.keys(counts).reduce(function (sum, k) { return sum + counts[k]; }, 0);
    }).concat([0])));
    var root = svg(width, top + height + bottom, title);
    [0, 0.5, 1].forEach(function (f) {
      var y = top + height - f * height;
      root.appendChild(el('line', { x1: left, x2: width - 8, y1: y, y2: y, class: f === 0 ? 'base' : 'grid' }));
      root.appendChild(el('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' },
        numbers.format(Math.round(max * f * 10) / 10)));
    });
    var every = Math.ceil(days.length / 12);
    var drawn = 0;
    days.forEach(function (day, i) {
      var x = left + i * slot + slot * 0.1, w = Math.max(slot * 0.8, 1), y = top + height;
      var counts = countsOf(day);
      series.forEach(function (s) {
        var count = counts[s.key] || 0;
        if (count <= 0) {
          return;
        }
        var h = height * count / max;
        y -= h;
        var segment = el('rect', { x: x.toFixed(2), y: y.toFixed(2), width: w.toFixed(2), height: h.toFixed(2),
          class: 'bar series-' + s.series, 'data-value': count });
        segment.appendChild(el('title', {}, day.day + ' · ' + t('chartOf', s.label, numbers.format(count))));
        root.appendChild(segment);
        drawn++;
      });
      if (i % every === 0) {
        root.appendChild(el('text', { x: (x + w / 2).toFixed(2), y: top + height + 16, 'text-anchor': 'middle',
          class: 'axis' }, day.day.slice(5)));
      }
    });
    plot.appendChild(root);
    series.forEach(function (s) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'swatch series-' + s.series;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.label));
      legend.appendChild(item);
    });
    return drawn;
  }

  function section(name) {
    var card = document.querySelector('[data-chart="' + name + '"]');
    var plot = card.querySelector('.plot');
    var legend = card.querySelector('.legend');
    plot.textContent = '';
    if (legend) {
      legend.textContent = '';
    }
    card.removeAttribute('data-state');
    return { card: card, plot: plot, legend: legend, title: t(name) };
  }

  function done(chart, drawn) {
    chart.card.setAttribute('data-state', drawn > 0 ? 'drawn' : 'empty');
  }

  function enumBars(name, counts, prefix, coloured) {
    var chart = section(name);
    var keys = Object.keys(counts);
    var entries = keys.map(function (k, i) {
      return { label: label(prefix, k), value: counts[k], series: coloured ? i % 10 : 0 };
    }).filter(function (e, i) { return e.value > 0 || keys[i] !== 'NOT_RECORDED'; });
    done(chart, bars(chart.plot, chart.title, entries));
  }

  /** Whose decisions these are: every tenant's, or one tenant's, by name and id. */
  function scope(data) {
    var s = data.scope;
    $('scope').textContent = s.allTenants ? t('scopeAll')
      : s.name && s.name !== s.tenant ? t('scopeNamed', s.name, s.tenant) : t('scopeTenant', s.tenant);
    $('scope').setAttribute('data-tenant', s.allTenants ? '' : s.tenant);
    $('scope').hidden = false;
  }

  function render(data) {
    scope(data);
    $('total').textContent = numbers.format(data.total);
    var last = new Date(Date.parse(data.period.to) - 1).toISOString().slice(0, 10);
    $('period-text').textContent = t('period', data.period.from.slice(0, 10), last);

    var products = Object.keys(data.byPrimary).map(function (p, i) {
      return { key: p, label: label('product', p), series: i % 10 };
    });
    var perDay = section('perDay');
    done(perDay, columns(perDay.plot, perDay.legend, perDay.title, data.perDay, products,
      function (day) { return day.byPrimary; }));
    enumBars('byPrimary', data.byPrimary, 'product', true);
    enumBars('entityTypes', data.entityTypes, 'entityType', false);
    enumBars('channels', data.channels, 'channel', false);

    var unmet = section('unmetNeeds');
    if (data.unmetNeeds.length === 0) {
      emptyNote(unmet.plot, data.total > 0 ? t('noUnmet') : t('empty'));
    }
    done(unmet, bars(unmet.plot, unmet.title, data.unmetNeeds.map(function (n) {
      return { label: label('need', n.need), value: n.count, series: 2 };
    })));

    var utm = section('utmSources');
    var sources = data.utmSources.top.map(function (s) { return { label: s.source, value: s.count, series: 1 }; });
    sources.push({ label: t('others'), value: data.utmSources.others, series: 7 });
    sources.push({ label: t('none'), value: data.utmSources.none, series: 7 });
    done(utm, bars(utm.plot, utm.title, sources));

    var deliveries = section('deliveries');
    var d = data.deliveries || { delivered: 0, retrying: 0, failed: 0 };
    if (!data.deliveries) {
      emptyNote(deliveries.plot, t('noWebhooks'));
    }
    done(deliveries, bars(deliveries.plot, deliveries.title, [
      { label: t('delivery.delivered'), value: d.delivered, series: 0 },
      { label: t('delivery.retrying'), value: d.retrying, series: 6 },
      { label: t('delivery.failed'), value: d.failed, series: 8 }]));
    if (data.deliveries && data.deliveries.latencyP50Millis != null) {
      emptyNote(deliveries.plot, t('latency', data.deliveries.latencyP50Millis, data.deliveries.latencyP95Millis));
    }

    var rules = section('rulesVersions');
    var versions = data.rulesVersions.map(function (v, i) {
      return { key: v.rulesVersion, label: v.rulesVersion.slice(0, 12) + ' (' + numbers.format(v.count) + ')',
        series: i % 10 };
    });
    done(rules, columns(rules.plot, rules.legend, rules.title, data.perDay, versions,
      function (day) { return day.byRulesVersion; }));

    $('charts').hidden = false;
  }

  function status(text) {
    $('status').textContent = text;
  }

  function problem(text) {
    var box = $('problem');
    box.textContent = text || '';
    box.hidden = !text;
  }

  function isoDay(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  function load() {
    var key = sessionStorage.getItem(KEY);
    if (!key) {
      askForKey();
      return;
    }
    var from = $('from').value, to = $('to').value;
    var query = '?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(isoDay(Date.parse(to) + DAY));
    problem('');
    status(t('loading'));
    $('charts').setAttribute('aria-busy', 'true');
    fetch('/api/v1/analytics' + query, {
      headers: { Authorization: 'Bearer ' + key, Accept: 'application/json', 'Accept-Language': lang },
      credentials: 'omit', cache: 'no-store'
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status === 401) {
          sessionStorage.removeItem(KEY);
          askForKey();
          problem(t('refused'));
          status('');
        } else if (!response.ok) {
          var details = (body.errors || []).map(function (e) { return e.field + ': ' + e.message; });
          problem(t('failed', [body.detail || response.status].concat(details).join(' ')));
          status('');
        } else {
          render(body);
          status(t('loaded', new Date().toLocaleTimeString(lang)));
        }
      });
    }).catch(function () {
      problem(t('offline'));
      status('');
    }).then(function () {
      $('charts').removeAttribute('aria-busy');
    });
  }

  function askForKey() {
    $('key-form').hidden = false;
    $('period-form').hidden = true;
    $('charts').hidden = true;
    $('scope').hidden = true;
    $('key').value = '';
    $('key').focus();
  }

  function preset(days) {
    var today = Date.now();
    $('to').value = isoDay(today);
    $('from').value = isoDay(today - (days - 1) * DAY);
  }

  function texts() {
    document.documentElement.lang = lang;
    document.title = t('pageTitle');
    $('title').textContent = t('title');
    $('key-label').textContent = t('keyLabel');
    $('key-open').textContent = t('keyOpen');
    $('key-hint').textContent = t('keyHint');
    $('from-label').textContent = t('from');
    $('to-label').textContent = t('to');
    $('period-show').textContent = t('show');
    $('forget').textContent = t('forget');
    $('total-title').textContent = t('totalTitle');
    ['7', '30', '90'].forEach(function (n) { $('preset-' + n).textContent = t('days', n); });
    document.querySelectorAll('[data-chart]').forEach(function (card) {
      card.querySelector('h2').textContent = t(card.getAttribute('data-chart'));
    });
    $(lang === 'zh-CN' ? 'lang-zh' : 'lang-en').setAttribute('aria-current', 'true');
  }

  texts();
  preset(30);
  $('key-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var key = $('key').value.trim();
    if (!key) {
      return;
    }
    sessionStorage.setItem(KEY, key);
    $('key').value = '';
    $('key-form').hidden = true;
    $('period-form').hidden = false;
    load();
  });
  $('period-form').addEventListener('submit', function (event) {
    event.preventDefault();
    load();
  });
  ['7', '30', '90'].forEach(function (n) {
    $('preset-' + n).addEventListener('click', function () {
      preset(Number(n));
      load();
    });
  });
  $('forget').addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    problem('');
    status('');
    askForKey();
  });
  if (sessionStorage.getItem(KEY)) {
    $('period-form').hidden = false;
    load();
  } else {
    askForKey();
  }
}());
